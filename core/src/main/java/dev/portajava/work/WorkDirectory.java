package dev.portajava.work;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A directory for the temporaries of one running command, removed when it is closed and when the JVM is stopped
 * (SIGINT, SIGTERM). A process killed outright (SIGKILL, a power cut) cannot remove it; so a locked work directory
 * holds a file {@value #LOCK}, locked as long as its process lives and holding that process's id, by which
 * {@link #sweep} tells the work of a killed process from the work of a running one.
 *
 * <p>When the JVM stops, the directory is first renamed to {@code NAME}{@value #REMOVED}: whatever the command's
 * threads still write under its old name then fails at once, and nothing is recreated behind the removal.
 */
public final class WorkDirectory implements AutoCloseable {

    /** The lock file of a locked work directory. */
    public static final String LOCK = "lock";
    /** The suffix of a work directory whose process began to remove it. */
    public static final String REMOVED = ".removed";
    /** How old a temporary without a lock file (an earlier version's) must be to be taken for a killed build's. */
    private static final Duration MAKING = Duration.ofMinutes(10);

    /** The locked work directories of this JVM: never opened by a sweep, which would release their locks. */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Thread hook;
    private volatile FileChannel lock;
    private volatile boolean interrupted;

    private WorkDirectory(Path path) {
        this.path = path;
        this.hook = new Thread(this::interrupt, "portajava-cleanup-" + path.getFileName());
    }

    /**
     * Creates {@code parent/PREFIX<random>}. It is removed when the JVM is stopped from the moment it exists.
     *
     * @param locked whether it holds a lock file by which {@link #sweep} recognises a killed owner
     */
    public static WorkDirectory create(Path parent, String prefix, boolean locked) throws IOException {
        for (int attempt = 0; ; attempt++) {
            WorkDirectory work = new WorkDirectory(parent.toAbsolutePath().resolve(prefix
                    + Long.toUnsignedString(RANDOM.nextLong())));
            Runtime.getRuntime().addShutdownHook(work.hook);
            try {
                Files.createDirectory(work.path);
            } catch (FileAlreadyExistsException e) {
                work.unhook();
                continue;
            } catch (IOException | RuntimeException e) {
                work.unhook();
                throw e;
            }
            try {
                if (!locked || work.lock()) {
                    return work;
                }
            } catch (IOException | RuntimeException e) {
                work.close();
                throw e;
            }
            work.close(); // a sweep took it for the work of a process killed while making it: make another
            if (attempt >= 3) {
                throw new IOException("another process keeps removing the work directories made in " + parent);
            }
        }
    }

    /**
     * Creates, locks and fills the lock file: a sweep may meanwhile have taken the directory, empty, for one whose
     * process died while making it. Whether the directory is still this one's.
     */
    private boolean lock() throws IOException {
        String owner = ProcessHandle.current().pid() + "\n";
        FileChannel channel;
        try {
            channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return false;
        }
        lock = channel;
        OWN.add(path);
        channel.lock();
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.US_ASCII)));
        // a sweep only ever removes: the lock file is still there only if it is this one. (Not opened again to
        // check: closing any descriptor of the file would release this process's lock on it.)
        return Files.exists(path.resolve(LOCK), LinkOption.NOFOLLOW_LINKS);
    }

    private void unhook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook removes the directory
        }
    }

    public Path path() {
        return path;
    }

    /** Whether the JVM began to stop and removed this directory: whatever failed since failed because of that. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Removes the directory and whatever is left in it. */
    @Override
    public void close() {
        unhook();
        delete(path);
        release();
    }

    private void interrupt() {
        interrupted = true;
        Path aside = path.resolveSibling(path.getFileName() + REMOVED);
        try {
            Files.move(path, aside);
            delete(aside);
        } catch (IOException e) {
            delete(path);
        }
        release();
    }

    private void release() {
        FileChannel channel = lock;
        if (channel != null) {
            OWN.remove(path);
            closeQuietly(channel);
        }
    }

    /**
     * Removes the work directories in {@code parent} whose names {@code ours} accepts and whose process is gone: one
     * whose lock file nobody holds, one its process began to remove, one left empty by a process killed while making
     * it, and, without a lock file (a temporary of an earlier version), one older than ten minutes. A directory of a
     * running process, this one or another, is left alone.
     *
     * @return what was removed
     */
    public static List<Path> sweep(Path parent, Predicate<String> ours) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> ours.test(p.getFileName().toString()))) {
            for (Path entry : entries) {
                if (!OWN.contains(entry.toAbsolutePath()) && removeIfStale(entry)) {
                    removed.add(entry);
                }
            }
        } catch (IOException e) {
            // an unreadable directory: nothing swept, nothing lost
        }
        return removed;
    }

    /**
     * Whether the process that made {@code entry} is gone: its lock is free, and it got as far as writing its id;
     * or it holds nothing but an empty lock file, or nothing at all, as a process killed while making it leaves it
     * (a process still making it sees that it was taken, and makes another).
     */
    private static boolean removeIfStale(Path entry) {
        boolean stale;
        if (entry.getFileName().toString().endsWith(REMOVED)) {
            stale = true;
        } else {
            try (FileChannel channel = FileChannel.open(entry.resolve(LOCK), StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock held = channel.tryLock();
                if (held == null) {
                    return false;
                }
                if (channel.size() > 0 || holdsOnly(entry, LOCK) || old(entry)) {
                    delete(entry); // holding the lock: a process still making it waits, then sees it gone
                    return true;
                }
                return false;
            } catch (OverlappingFileLockException e) {
                return false;
            } catch (NoSuchFileException e) {
                stale = holdsOnly(entry, null) || old(entry);
            } catch (IOException e) {
                // not a directory (a temporary of an earlier version), or no lock file that can be opened
                stale = old(entry);
            }
        }
        if (stale) {
            delete(entry);
        }
        return stale;
    }

    /** Whether the directory {@code entry} holds nothing but {@code name} (nothing at all when null). */
    private static boolean holdsOnly(Path entry, String name) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(entry)) {
            for (Path child : children) {
                if (!child.getFileName().toString().equals(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean old(Path entry) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.lastModifiedTime().toInstant().isBefore(Instant.now().minus(MAKING));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes {@code path} and everything below it, links not followed. Another thread may still be creating entries
     * in it for a moment: the deletion is retried a few times.
     */
    public static void delete(Path path) {
        for (int attempt = 0; attempt < 5 && Files.exists(path, LinkOption.NOFOLLOW_LINKS); attempt++) {
            if (attempt > 0) {
                pause();
            }
            try {
                FileTrees.delete(path);
            } catch (IOException e) {
                // something appeared or vanished meanwhile, or a directory was not writable: again
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock all the same
            }
        }
    }
}
