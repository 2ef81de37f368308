package dev.portajava.oci;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Blobs by digest under {@link CacheDirectory#blobs()}. A blob is written to {@link CacheDirectory#tmp()}, its
 * size and digest checked, and only then renamed into place: a blob in the cache is always a verified one, and a
 * failed or interrupted download leaves nothing there.
 */
public final class BlobCache {

    private static final int BUFFER = 128 * 1024;

    private final CacheDirectory cache;
    private final LongAdder received = new LongAdder();

    public BlobCache(CacheDirectory cache) {
        this.cache = cache;
    }

    public CacheDirectory directory() {
        return cache;
    }

    /**
     * The bytes of blobs this cache has read so far, stored or spooled, counted as they are read (a download that
     * failed and was tried again counts twice): for a progress display, from any thread.
     */
    public long received() {
        return received.sum();
    }

    /** The cached blob with this digest, if there is one. */
    public Optional<Path> find(Digest digest) {
        Path path = pathOf(digest);
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(path) : Optional.empty();
    }

    /**
     * Stores {@code content} as the blob {@code digest}, checking that it has {@code size} bytes (when {@code size}
     * is not negative) and that digest.
     *
     * @param what names the blob in messages ({@code "layer sha256:… of registry.example/app:1.4"})
     * @throws OciException (bad input) when the size or digest is wrong; nothing is left in the cache
     */
    public Path store(Digest digest, long size, InputStream content, String what) throws OciException {
        return store(digest, size, content, what, null);
    }

    /**
     * Stores {@code content} as {@link #store(Digest, long, InputStream, String)} does, and hands {@code follower}
     * a stream that reads the blob while it is written (see {@link GrowingBlob}), before the first byte is read.
     */
    Path store(Digest digest, long size, InputStream content, String what, Consumer<InputStream> follower)
            throws OciException {
        if (digest == null) {
            throw new IllegalArgumentException("no digest");
        }
        GrowingBlob growing = follower == null ? null : new GrowingBlob(follower);
        try {
            Path target = publish(write(digest, size, content, what, false, growing), what);
            if (growing != null) {
                growing.complete();
            }
            return target;
        } catch (OciException | RuntimeException e) {
            if (growing != null) {
                growing.fail(e.getMessage());
            }
            throw e;
        }
    }

    /** Renames a blob just written into place. */
    private Path publish(Stored stored, String what) throws OciException {
        Path target = pathOf(stored.digest());
        try {
            Files.createDirectories(target.getParent());
            Files.move(stored.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (AtomicMoveNotSupportedException e) {
            throw OciException.unavailable("cache " + cache.root() + ": " + cache.tmp() + " and " + target.getParent()
                    + " are not on one file system", e);
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot store " + what + ": " + describe(e), e);
        } finally {
            deleteQuietly(stored.path());
        }
    }

    /** A blob just written, under the digest it turned out to have. */
    record Stored(Digest digest, long size, Path path) {
    }

    /**
     * Copies a blob of a local archive or layout into this process's temporaries, not into the cache: the archive or
     * layout is read again by a later build, so its blobs are not worth keeping. The blob is checked against
     * {@code digest} when one is given; its digest is computed in any case. The archive is a file given as input:
     * when it cannot be read to the blob's end it is truncated or corrupt, which is bad input.
     */
    Stored spool(Digest digest, long size, InputStream content, String what) throws OciException {
        return write(digest, size, content, what, true, null);
    }

    /** Where the blob {@code digest} is, once stored. */
    Path pathOf(Digest digest) {
        return cache.blobs().resolve(digest.hex());
    }

    /**
     * Writes {@code content} to a new file in {@code tmp}, checking its size and digest; deletes it if anything fails.
     *
     * @param archived whether {@code content} is read from a local archive or layout (else: from the network)
     * @param growing started on the file as soon as it is created, and told how much of it is written; may be null
     */
    private Stored write(Digest expected, long size, InputStream content, String what, boolean archived,
            GrowingBlob growing) throws OciException {
        Path tmpDir = cache.tmp();
        Path part;
        try {
            Files.createDirectories(tmpDir);
            part = Files.createTempFile(tmpDir, "blob-", ".part");
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot create a temporary file in " + tmpDir
                    + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            if (growing != null) {
                growing.start(part);
            }
            MessageDigest sha256 = Sha256.digest();
            long count = 0;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                while (true) {
                    int want = buffer.length;
                    if (size >= 0) {
                        // read at most one byte beyond the expected size: enough to know there is too much
                        want = (int) Math.min(buffer.length, size - count + 1);
                    }
                    int n;
                    try {
                        n = content.read(buffer, 0, want);
                    } catch (IOException e) {
                        if (archived) {
                            throw OciException.invalid(what + ": truncated or corrupt after " + count + " bytes: "
                                    + describe(e), e);
                        }
                        throw OciException.unavailable(what + ": reading failed after " + count + " bytes: "
                                + describe(e), e);
                    }
                    if (n < 0) {
                        break;
                    }
                    count += n;
                    received.add(n);
                    if (size >= 0 && count > size) {
                        throw OciException.invalid(what + ": more than the expected " + size + " bytes"
                                + (expected == null ? "" : " of " + expected) + "; refused");
                    }
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    if (growing != null) {
                        growing.written(count);
                    }
                }
                if (size >= 0 && count != size) {
                    throw OciException.invalid(what + ": " + count + " bytes, expected " + size
                            + (expected == null ? "" : " (" + expected + ")"));
                }
                if (!archived) {
                    out.force(true);
                }
            }
            Digest actual = Digest.of(sha256);
            if (expected != null && !expected.equals(actual)) {
                throw OciException.invalid(what + ": content has digest " + actual + ", expected " + expected);
            }
            done = true;
            return new Stored(actual, count, part);
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot store " + what + ": " + describe(e), e);
        } finally {
            if (!done) {
                deleteQuietly(part);
            }
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file under tmp/, never read as cache content, removed with it
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
