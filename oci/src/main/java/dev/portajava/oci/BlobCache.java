package dev.portajava.oci;

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

/**
 * Blobs by digest under {@link CacheDirectory#blobs()}. A blob is written to {@link CacheDirectory#tmp()}, its
 * size and digest checked, and only then renamed into place: a blob in the cache is always a verified one, and a
 * failed or interrupted download leaves nothing there.
 */
public final class BlobCache {

    private static final int BUFFER = 128 * 1024;

    private final CacheDirectory cache;

    public BlobCache(CacheDirectory cache) {
        this.cache = cache;
    }

    public CacheDirectory directory() {
        return cache;
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
        if (digest == null) {
            throw new IllegalArgumentException("no digest");
        }
        return write(digest, size, content, what).path();
    }

    /** A blob just stored whose digest was computed rather than known beforehand. */
    record Stored(Digest digest, long size, Path path) {
    }

    /**
     * Stores {@code content} under the digest it turns out to have: for sources that name blobs by something else
     * (a {@code docker save} archive's {@code <id>/layer.tar}).
     */
    Stored storeComputed(long size, InputStream content, String what) throws OciException {
        return write(null, size, content, what);
    }

    private Path pathOf(Digest digest) {
        return cache.blobs().resolve(digest.hex());
    }

    private Stored write(Digest expected, long size, InputStream content, String what) throws OciException {
        Path tmpDir = cache.tmp();
        Path part;
        try {
            Files.createDirectories(tmpDir);
            part = Files.createTempFile(tmpDir, "blob-", ".part");
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot create a temporary file in " + tmpDir
                    + ": " + e.getMessage(), e);
        }
        boolean moved = false;
        try {
            MessageDigest sha256 = Digest.newSha256();
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
                        throw OciException.unavailable(what + ": reading failed after " + count + " bytes: "
                                + describe(e), e);
                    }
                    if (n < 0) {
                        break;
                    }
                    count += n;
                    if (size >= 0 && count > size) {
                        throw OciException.invalid(what + ": more than the expected " + size + " bytes"
                                + (expected == null ? "" : " of " + expected) + "; refused");
                    }
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                if (size >= 0 && count != size) {
                    throw OciException.invalid(what + ": " + count + " bytes, expected " + size
                            + (expected == null ? "" : " (" + expected + ")"));
                }
                out.force(true);
            }
            Digest actual = Digest.of(sha256);
            if (expected != null && !expected.equals(actual)) {
                throw OciException.invalid(what + ": content has digest " + actual + ", expected " + expected);
            }
            Path target = pathOf(actual);
            Files.createDirectories(target.getParent());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw OciException.unavailable("cache " + cache.root() + ": " + tmpDir + " and " + target.getParent()
                        + " are not on one file system", e);
            }
            moved = true;
            return new Stored(actual, count, target);
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot store " + what + ": " + describe(e), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // the temporary file is under tmp/, never read as cache content
                }
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
