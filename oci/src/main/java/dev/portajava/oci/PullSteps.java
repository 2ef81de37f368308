package dev.portajava.oci;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every source does once it has a manifest or index: resolve it for the platform, then fetch its blobs. */
final class PullSteps {

    /** Indexes of indexes are allowed, up to this depth. */
    private static final int MAX_DEPTH = 4;

    private PullSteps() {
    }

    /** Puts blobs into the cache, verified, from wherever a source has them. */
    interface Fetcher {

        /** The manifest or index {@code descriptor} names, in the cache. */
        Path manifest(Manifests.Descriptor descriptor, String what) throws OciException;

        /** The config or layer blob {@code descriptor} names, in the cache. */
        Path blob(Manifests.Descriptor descriptor, String what) throws OciException;

        /**
         * The layer blob {@code descriptor} names: in the cache, or a file the source has on this machine, whose size
         * and digest are checked as it is unpacked.
         */
        default Path layer(Manifests.Descriptor descriptor, String what) throws OciException {
            return blob(descriptor, what);
        }
    }

    /**
     * Resolves {@code top} (the manifest or index whose digest is {@code digest}) for linux on
     * {@code architecture}, then fetches the config and the layers.
     */
    static PulledImage finish(String reference, Digest digest, Manifests.Parsed top, Fetcher fetcher,
            String architecture) throws OciException {
        Manifests.Parsed parsed = top;
        Digest manifestDigest = digest;
        int depth = 0;
        while (parsed instanceof Manifests.Index index) {
            if (++depth > MAX_DEPTH) {
                throw OciException.invalid(reference + ": image indexes nested more than " + MAX_DEPTH + " deep");
            }
            Manifests.Descriptor chosen = Manifests.selectPlatform(index, architecture, reference);
            String what = "manifest " + chosen.digest() + " of " + reference;
            if (chosen.size() > Manifests.MAX_MANIFEST) {
                throw OciException.invalid(what + ": " + chosen.size() + " bytes, more than the "
                        + Manifests.MAX_MANIFEST + " accepted");
            }
            byte[] bytes = read(fetcher.manifest(chosen, what), Manifests.MAX_MANIFEST, what);
            parsed = Manifests.parse(bytes, chosen.mediaType(), what);
            manifestDigest = chosen.digest();
        }
        Manifests.ImageManifest manifest = (Manifests.ImageManifest) parsed;
        String configWhat = "config " + manifest.config().digest() + " of " + reference;
        if (manifest.config().size() > Manifests.MAX_CONFIG) {
            throw OciException.invalid(configWhat + ": " + manifest.config().size() + " bytes, more than the "
                    + Manifests.MAX_CONFIG + " accepted");
        }
        Path configBlob = fetcher.blob(manifest.config(), configWhat);
        ImageConfig config = Manifests.parseConfig(configBlob, configWhat);
        List<Layer> layers = new ArrayList<>();
        for (Manifests.Descriptor d : manifest.layers()) {
            Path blob = fetcher.layer(d, "layer " + d.digest() + " of " + reference);
            layers.add(new Layer(d.digest(), d.mediaType(), d.size(), blob));
        }
        Manifests.checkConfig(config, layers, architecture, reference);
        return new PulledImage(reference, manifestDigest, config, layers);
    }

    /**
     * The blob of {@code descriptor} if the cache has it. Its digest was checked when it was stored; a descriptor
     * giving another size for the same digest is wrong.
     */
    static Optional<Path> cached(BlobCache cache, Manifests.Descriptor descriptor, String what)
            throws OciException {
        Optional<Path> found = cache.find(descriptor.digest());
        if (found.isPresent()) {
            long size;
            try {
                size = Files.size(found.get());
            } catch (IOException e) {
                throw OciException.unavailable(what + ": cannot read " + found.get() + ": " + e.getMessage(), e);
            }
            if (size != descriptor.size()) {
                throw OciException.invalid(what + ": the descriptor says " + descriptor.size()
                        + " bytes, the blob with that digest has " + size);
            }
        }
        return found;
    }

    static byte[] read(Path blob, int max, String what) throws OciException {
        try {
            long size = Files.size(blob);
            if (size > max) {
                throw OciException.invalid(what + ": " + size + " bytes, more than the " + max + " accepted");
            }
            return Files.readAllBytes(blob);
        } catch (IOException e) {
            throw OciException.unavailable(what + ": cannot read " + blob + ": " + e.getMessage(), e);
        }
    }

    static Digest sha256(byte[] bytes) {
        var sha = Sha256.digest();
        sha.update(bytes);
        return Digest.of(sha);
    }

}
