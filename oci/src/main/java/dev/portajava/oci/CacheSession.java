package dev.portajava.oci;

import dev.portajava.work.WorkDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A build's use of the cache, from its first fetch until its image is written. It holds a shared lock on the cache's
 * {@link CacheDirectory#lock() lock} file, so that {@link #prune} never removes what a running build uses, and a
 * temporary directory of its own under {@code tmp/}, removed when the session closes or the JVM is stopped.
 *
 * <p>A build killed outright cannot remove its temporaries. So when a session opens on a cache that no other build
 * holds, it first removes what killed builds left: everything in {@code tmp/}, and the unfinished entries of
 * {@code squashfs-blocks/}. While another build holds the cache, they wait for a later build or for {@link #prune}.
 */
public final class CacheSession implements AutoCloseable {

    /** The caches this JVM holds: one lock each, whatever the number of sessions (a second lock would conflict). */
    private static final Map<Path, Hold> HOLDS = new HashMap<>();

    private static final class Hold {
        final FileChannel channel;
        int sessions;

        Hold(FileChannel channel) {
            this.channel = channel;
        }
    }

    private final CacheDirectory directory;
    private final WorkDirectory work;

    private CacheSession(CacheDirectory directory, WorkDirectory work) {
        this.directory = directory;
        this.work = work;
    }

    /** Opens a session on {@code cache}, creating the cache if needed; waits while the cache is being pruned. */
    public static CacheSession open(CacheDirectory cache) throws OciException {
        CacheDirectory absolute = new CacheDirectory(cache.root().toAbsolutePath().normalize());
        synchronized (HOLDS) {
            Hold hold = HOLDS.get(absolute.root());
            if (hold == null) {
                hold = hold(absolute);
                HOLDS.put(absolute.root(), hold);
            }
            hold.sessions++;
        }
        try {
            Files.createDirectories(absolute.temporaries());
            WorkDirectory work = WorkDirectory.create(absolute.temporaries(), "build-", false);
            return new CacheSession(absolute.withTmp(work.path()), work);
        } catch (IOException e) {
            release(absolute.root());
            throw OciException.unavailable("cache " + absolute.root() + ": cannot create a temporary directory in "
                    + absolute.temporaries() + ": " + e.getMessage(), e);
        }
    }

    /** The cache, with this session's own directory as {@link CacheDirectory#tmp()}. */
    public CacheDirectory directory() {
        return directory;
    }

    /** Whether the JVM began to stop and removed this session's temporaries: what failed since failed for that. */
    public boolean interrupted() {
        return work.interrupted();
    }

    /** Removes this session's temporaries and lets go of the cache. */
    @Override
    public void close() {
        work.close();
        release(directory.root());
    }

    /**
     * Removes from {@code cache} what no build needs: the temporaries killed builds left, the blocks that only make
     * builds faster ({@code squashfs-blocks/}), which later builds make again, and the {@code checkouts/} of
     * earlier versions; with {@code all}, everything.
     *
     * @return the cache's parts before and after
     * @throws SourceUnavailableException when a running build holds the cache
     */
    public static Pruned prune(CacheDirectory cache, boolean all) throws OciException {
        CacheDirectory absolute = new CacheDirectory(cache.root().toAbsolutePath().normalize());
        synchronized (HOLDS) {
            if (HOLDS.containsKey(absolute.root())) {
                throw inUse(absolute);
            }
            CacheUsage before = CacheUsage.of(absolute);
            if (!Files.isDirectory(absolute.root())) {
                return new Pruned(before, before);
            }
            try (FileChannel channel = FileChannel.open(absolute.lock(), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw inUse(absolute);
                }
                removeLeftovers(absolute);
                List<Path> parts = all ? List.of(absolute.root().resolve("blobs"), absolute.root().resolve("layers"),
                        absolute.root().resolve("files"), absolute.checkouts(), absolute.squashfsBlocks(),
                        absolute.temporaries()) : List.of(absolute.checkouts(), absolute.squashfsBlocks());
                parts.forEach(WorkDirectory::delete);
            } catch (IOException e) {
                throw OciException.unavailable("cache " + absolute.root() + ": cannot prune: " + e.getMessage(), e);
            }
            return new Pruned(before, CacheUsage.of(absolute));
        }
    }

    /** The cache's parts before and after pruning. */
    public record Pruned(CacheUsage before, CacheUsage after) {
    }

    private static SourceUnavailableException inUse(CacheDirectory cache) {
        return OciException.unavailable("cache " + cache.root() + " is in use by a running build; try again when it"
                + " has finished", null);
    }

    private static Hold hold(CacheDirectory cache) throws OciException {
        FileChannel channel = null;
        try {
            Files.createDirectories(cache.root());
            channel = FileChannel.open(cache.lock(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock alone = channel.tryLock();
            if (alone != null) {
                removeLeftovers(cache);
                alone.release();
            }
            channel.lock(0, Long.MAX_VALUE, true);
            return new Hold(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw OciException.unavailable("cache " + cache.root() + ": cannot lock " + cache.lock() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What killed builds left; only while no build holds the cache. */
    private static void removeLeftovers(CacheDirectory cache) throws IOException {
        for (Path dir : List.of(cache.temporaries(), cache.squashfsBlocks())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            boolean everything = dir.equals(cache.temporaries());
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                    p -> everything || p.getFileName().toString().endsWith(".tmp"))) {
                entries.forEach(WorkDirectory::delete);
            }
        }
    }

    private static void release(Path root) {
        synchronized (HOLDS) {
            Hold hold = HOLDS.get(root);
            if (hold != null && --hold.sessions == 0) {
                HOLDS.remove(root);
                closeQuietly(hold.channel);
            }
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
