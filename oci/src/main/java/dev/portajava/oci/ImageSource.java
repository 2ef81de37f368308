package dev.portajava.oci;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A container image as the user names it: the one place where a reference's form is read.
 *
 * <ul>
 *   <li>{@code oci:DIR} or {@code oci:DIR:REF} — an OCI image layout; REF picks a manifest by its
 *       {@code org.opencontainers.image.ref.name} annotation when the index has several</li>
 *   <li>{@code docker-archive:FILE} or {@code docker-archive:FILE:REPO:TAG} — what {@code docker save} wrote</li>
 *   <li>anything else — a registry reference: {@code registry.example:5000/team/app:1.4},
 *       {@code …@sha256:HEX}, {@code busybox} (Docker Hub, {@code library/}, tag {@code latest}); it may also be
 *       written {@code docker://REFERENCE}</li>
 * </ul>
 *
 * A local path (DIR, FILE) ends at the first colon, as skopeo reads it. Nothing is read or fetched until
 * {@link #pull}.
 */
public sealed interface ImageSource {

    /** The transport of an OCI image layout. */
    String OCI = "oci:";
    /** The transport of a {@code docker save} archive. */
    String DOCKER_ARCHIVE = "docker-archive:";
    /** The optional transport of a registry reference. */
    String DOCKER = "docker://";

    /**
     * Reads {@code reference}.
     *
     * @throws InvalidSourceException naming the reference and what is wrong with it
     */
    static ImageSource parse(String reference) throws OciException {
        if (reference == null || reference.isEmpty()) {
            throw OciException.invalid("image reference is empty");
        }
        if (reference.startsWith(OCI)) {
            TransportReference local = TransportReference.parse(reference, OCI, "directory", "oci:DIR or oci:DIR:REF");
            return new OciLayout(reference, local.path(), local.suffix());
        }
        if (reference.startsWith(DOCKER_ARCHIVE)) {
            TransportReference local = TransportReference.parse(reference, DOCKER_ARCHIVE, "file",
                    "docker-archive:FILE or docker-archive:FILE:REPO:TAG");
            return new DockerArchive(reference, local.path(), local.suffix());
        }
        String name = reference.startsWith(DOCKER) ? reference.substring(DOCKER.length()) : reference;
        ImageReference image = ImageReference.parse(name);
        String beforeDigest = name.indexOf('@') < 0 ? name : name.substring(0, name.indexOf('@'));
        // the tag as written: not the latest a reference without one implies
        return new Registry(reference, image, image.tag().filter(tag -> beforeDigest.endsWith(":" + tag)));
    }

    /** What the user named, for messages. */
    String reference();

    /** The file or directory on this machine that the image is read from: an archive or a layout; none for a registry. */
    default Optional<Path> localPath() {
        return Optional.empty();
    }

    /**
     * This source with a relative local path taken as relative to {@code directory} (a spec's directory), made
     * absolute and normalised; the local path itself is kept as written.
     */
    default ImageSource resolve(Path directory) {
        return this;
    }

    /** The tag the reference names, if it names one: {@code 1.4} of {@code app:1.4}; none of {@code app}. */
    default Optional<String> tag() {
        return Optional.empty();
    }

    /**
     * Resolves the manifest (an index is resolved for {@link SourceOptions#architecture()} and linux), then puts the
     * config and every layer into {@code cache}, each verified against its digest and size. Blobs already in the
     * cache are not fetched again.
     */
    PulledImage pull(BlobCache cache, SourceOptions options) throws OciException;

    /** An image in a registry; {@code tag} is the tag as written, if any. */
    record Registry(String reference, ImageReference image, Optional<String> tag) implements ImageSource {
        @Override
        public PulledImage pull(BlobCache cache, SourceOptions options) throws OciException {
            return new RegistrySource(reference, image, options).pull(cache);
        }
    }

    /** An OCI image layout directory, and the name of the manifest to take from it. */
    record OciLayout(String reference, Path directory, Optional<String> ref) implements ImageSource {
        @Override
        public Optional<Path> localPath() {
            return Optional.of(directory);
        }

        @Override
        public OciLayout resolve(Path base) {
            if (directory.isAbsolute()) {
                return this;
            }
            Path resolved = base.toAbsolutePath().normalize().resolve(directory);
            return new OciLayout(OCI + resolved + ref.map(r -> ":" + r).orElse(""), resolved, ref);
        }

        @Override
        public PulledImage pull(BlobCache cache, SourceOptions options) throws OciException {
            return new OciLayoutSource(this, options).pull(cache);
        }
    }

    /** A {@code docker save} archive, and the {@code REPO:TAG} of the image to take from it. */
    record DockerArchive(String reference, Path file, Optional<String> repoTag) implements ImageSource {
        @Override
        public Optional<Path> localPath() {
            return Optional.of(file);
        }

        @Override
        public DockerArchive resolve(Path base) {
            if (file.isAbsolute()) {
                return this;
            }
            Path resolved = base.toAbsolutePath().normalize().resolve(file);
            return new DockerArchive(DOCKER_ARCHIVE + resolved + repoTag.map(t -> ":" + t).orElse(""), resolved,
                    repoTag);
        }

        @Override
        public PulledImage pull(BlobCache cache, SourceOptions options) throws OciException {
            return new DockerArchiveSource(this, options).pull(cache);
        }
    }

}
