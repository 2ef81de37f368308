package dev.portajava.oci;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Blobs by digest under {@link CacheDirectory#blobs()}. A blob is written to {@link CacheDirectory#tmp()}, its
 * size and digest checked, and only then renamed into place: a blob in the cache is always a verified one, and a
 * failed or interrupted download leaves nothing there.
 */
public final class BlobCache {

    private final CacheDirectory cache;

    public BlobCache(CacheDirectory cache) {
        this.cache = cache;
    }

    public CacheDirectory directory() {
        return cache;
    }

    /** The cached blob with this digest, if there is one. */
    public Optional<Path> find(Digest digest) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Stores {@code content} as the blob {@code digest}, checking that it has {@code size} bytes (when {@code size}
     * is not negative) and that digest.
     *
     * @param what names the blob in messages ({@code "layer sha256:… of registry.example/app:1.4"})
     * @throws OciException (bad input) when the size or digest is wrong; nothing is left in the cache
     */
    public Path store(Digest digest, long size, InputStream content, String what) throws OciException {
        throw new UnsupportedOperationException("TODO");
    }
}
