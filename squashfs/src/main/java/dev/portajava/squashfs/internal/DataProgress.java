package dev.portajava.squashfs.internal;

/**
 * How far the data of the files has been written, so that the inode table can be written while later files are
 * still compressed: a file's inode names where its data went, so it waits until the writer of the data has decided
 * whether the file shares another's data ({@link TreeInode#planned}) and that data is in place
 * ({@link TreeInode.FileData#placed}: its blocks written, or its fragment block numbered). The flags are set on the
 * thread that writes the data, which then calls {@link #signal}; the inodes are written on another.
 */
final class DataProgress {

    private final Object lock = new Object();
    /** The file the inode writer waits for, or null: only its readiness wakes that thread. */
    private volatile TreeInode waiting;

    /** Wakes the thread waiting for a file if flags set since made that file ready. */
    void signal() {
        TreeInode file = waiting;
        if (file != null && ready(file)) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until where the data of {@code file} went is known. */
    void await(TreeInode file) throws InterruptedException {
        if (ready(file)) {
            return;
        }
        synchronized (lock) {
            waiting = file;
            try {
                while (!ready(file)) {
                    lock.wait();
                }
            } finally {
                waiting = null;
            }
        }
    }

    private static boolean ready(TreeInode file) {
        return file.planned && file.data.placed;
    }
}
