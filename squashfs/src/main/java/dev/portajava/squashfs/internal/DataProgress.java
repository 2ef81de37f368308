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

    /** Wakes the thread waiting for a file, after flags were set. */
    void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits until where the data of {@code file} went is known. */
    void await(TreeInode file) throws InterruptedException {
        if (ready(file)) {
            return;
        }
        synchronized (lock) {
            while (!ready(file)) {
                lock.wait();
            }
        }
    }

    private static boolean ready(TreeInode file) {
        return file.planned && file.data.placed;
    }
}
