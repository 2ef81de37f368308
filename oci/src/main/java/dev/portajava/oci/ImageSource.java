package dev.portajava.oci;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image comes from: a registry, an OCI image layout directory or a {@code docker save} archive.
 *
 * <ul>
 *   <li>{@code oci:DIR} or {@code oci:DIR:REF} — an OCI image layout; REF picks a manifest by its
 *       {@code org.opencontainers.image.ref.name} annotation when the index has several</li>
 *   <li>{@code docker-archive:FILE} or {@code docker-archive:FILE:REPO:TAG} — what {@code docker save} wrote</li>
 *   <li>anything else — a registry reference: {@code registry.example:5000/team/app:1.4},
 *       {@code …@sha256:HEX}, {@code busybox} (Docker Hub, {@code library/}, tag {@code latest})</li>
 * </ul>
 */
public interface ImageSource {

    /**
     * Parses {@code reference}; nothing is read or fetched yet. A registry reference may also be written
     * {@code docker://REFERENCE}.
     *
     * @throws OciException (bad input) when the reference is malformed
     */
    static ImageSource of(String reference, SourceOptions options) throws OciException {
        if (reference == null || reference.isEmpty()) {
            throw OciException.invalid("image reference is empty");
        }
        if (reference.startsWith(OciLayoutSource.PREFIX)) {
            return OciLayoutSource.parse(reference, options);
        }
        if (reference.startsWith(DockerArchiveSource.PREFIX)) {
            return DockerArchiveSource.parse(reference, options);
        }
        String name = reference.startsWith("docker://") ? reference.substring("docker://".length()) : reference;
        return new RegistrySource(reference, ImageReference.parse(name), options);
    }

    /** What the user named, for messages. */
    String reference();

    /** The file or directory on this machine that the image is read from: an archive or a layout; none for a registry. */
    default Optional<Path> localPath() {
        return Optional.empty();
    }

    /**
     * Resolves the manifest (an index is resolved for {@link SourceOptions#architecture()} and linux), then puts the
     * config and every layer into {@code cache}, each verified against its digest and size. Blobs already in the
     * cache are not fetched again.
     */
    PulledImage pull(BlobCache cache) throws OciException;
}
