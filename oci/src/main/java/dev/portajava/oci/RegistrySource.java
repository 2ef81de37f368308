package dev.portajava.oci;

import dev.portajava.text.ByteCount;
import dev.portajava.text.ControlCharacters;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pulls an image from a registry ({@link ImageSource.Registry}). A pull by tag asks the registry for the manifest every time (tags move); everything else
 * (manifests by digest, the config, the layers) comes from the cache when it is there, so a pull by digest of an
 * image already pulled needs no network at all.
 */
final class RegistrySource {

    private final String reference;
    private final ImageReference image;
    private final SourceOptions options;
    private final Consumer<String> progress;
    private final Duration idleTimeout;

    RegistrySource(String reference, ImageReference image, SourceOptions options) {
        this(reference, image, options, RegistryClient.IDLE_TIMEOUT);
    }

    RegistrySource(String reference, ImageReference image, SourceOptions options, Duration idleTimeout) {
        this.reference = reference;
        this.image = image;
        this.options = options;
        this.progress = options.progress() == null ? m -> { } : options.progress();
        this.idleTimeout = idleTimeout;
    }

    PulledImage pull(BlobCache cache) throws OciException {
        try (RegistryClient client = new RegistryClient(image, options, idleTimeout)) {
            Digest digest;
            byte[] bytes;
            String contentType = null;
            if (image.digest().isPresent()) {
                digest = image.digest().get();
                String what = "manifest " + digest + " of " + reference;
                Optional<Path> cached = cache.find(digest);
                if (cached.isPresent()) {
                    bytes = PullSteps.read(cached.get(), Manifests.MAX_MANIFEST, what);
                } else {
                    progress.accept(reference + ": fetching the manifest from " + image.apiHost());
                    RegistryClient.Manifest m = client.manifest(digest.toString(), reference);
                    bytes = m.bytes();
                    contentType = m.contentType();
                    cache.store(digest, -1, new ByteArrayInputStream(bytes), what);
                }
            } else {
                progress.accept(reference + ": fetching the manifest from " + image.apiHost());
                RegistryClient.Manifest m = client.manifest(image.tag().orElseThrow(), reference);
                bytes = m.bytes();
                contentType = m.contentType();
                digest = PullSteps.sha256(bytes);
                Optional<String> header = m.dockerContentDigest();
                if (header.isPresent() && header.get().startsWith("sha256:")
                        && !header.get().trim().equals(digest.toString())) {
                    throw OciException.invalid(reference + ": the manifest " + image.apiHost() + " sent has digest "
                            + digest + ", but it says " + ControlCharacters.escapedUnambiguously(header.get().trim()));
                }
                cache.store(digest, bytes.length, new ByteArrayInputStream(bytes), "manifest " + digest + " of "
                        + reference);
            }
            Manifests.Parsed top = Manifests.parse(bytes, contentType, "manifest " + digest + " of " + reference);
            return PullSteps.finish(reference, digest, top, new Fetcher(client, cache), options.architecture());
        }
    }

    private final class Fetcher implements PullSteps.Fetcher {
        private final RegistryClient client;
        private final BlobCache cache;

        Fetcher(RegistryClient client, BlobCache cache) {
            this.client = client;
            this.cache = cache;
        }

        @Override
        public Path manifest(Manifests.Descriptor d, String what) throws OciException {
            Optional<Path> cached = PullSteps.cached(cache, d, what);
            if (cached.isPresent()) {
                return cached.get();
            }
            RegistryClient.Manifest m = client.manifest(d.digest().toString(), what);
            return cache.store(d.digest(), d.size(), new ByteArrayInputStream(m.bytes()), what);
        }

        @Override
        public Path blob(Manifests.Descriptor d, String what) throws OciException {
            return download(d, what, null);
        }

        /** A layer whose download the options' {@link LayerArrivals} follow, if any. */
        @Override
        public Path layer(Manifests.Descriptor d, String what) throws OciException {
            if (options.arrivals().isEmpty()) {
                return download(d, what, null);
            }
            LayerArrivals arrivals = options.arrivals().get();
            Layer layer = new Layer(d.digest(), d.mediaType(), d.size(), cache.pathOf(d.digest()));
            return download(d, what, content -> arrivals.arriving(layer, content));
        }

        private Path download(Manifests.Descriptor d, String what, Consumer<InputStream> follower)
                throws OciException {
            Optional<Path> cached = PullSteps.cached(cache, d, what);
            if (cached.isPresent()) {
                return cached.get();
            }
            progress.accept(what + ": downloading " + ByteCount.of(d.size()));
            try {
                return client.blob(d, cache, what, follower);
            } catch (MissingBlobException e) {
                if (!d.urls().isEmpty()) {
                    throw Manifests.foreignLayer(d, what);
                }
                throw e;
            }
        }
    }
}
