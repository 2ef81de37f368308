package dev.portajava.builder;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One build, as {@code portajava build} asks for it: what the image is made from, where it goes, and how it is
 * written. {@link ImageBuilder#build(BuildRequest, java.util.function.Consumer)} builds it.
 *
 * @param format the format to write; empty: from the output's name ({@link ImageFormat#guess})
 * @param force replace an existing output (only an image, never an input)
 * @param epoch the time every file gets, in seconds since 1970 ({@link ImageBuilder#epoch})
 */
public record BuildRequest(Input input, Path output, Optional<ImageFormat> format, RawImageOptions raw,
        VerityOptions verity, BaseImageOptions base, boolean force, long epoch) {

    public BuildRequest {
        if (input == null || output == null || format == null || raw == null || verity == null || base == null) {
            throw new IllegalArgumentException("a build request needs its input, output and options");
        }
    }

    /** What the image is made from. */
    public sealed interface Input permits Spec, ContainerImage {
    }

    /**
     * A spec: its directory, or its {@code portable.toml}.
     *
     * @param base for an extension ({@code [image] kind = "extension"}), the image it extends
     *     ({@code --base}): its files are consulted by the checks of the units' programs, never copied in
     */
    public record Spec(Path path, Optional<Path> base) implements Input {
        public Spec {
            base = base == null ? Optional.empty() : base;
        }

        public Spec(Path path) {
            this(path, Optional.empty());
        }
    }

    /**
     * A container image alone ({@code --from}), named after the output ({@link ImageBuilder#fromImage(String, Path,
     * boolean)}).
     *
     * @param reference a registry reference, {@code oci:DIR[:REF]} or {@code docker-archive:FILE[:REPO:TAG]}; a
     *     relative path is relative to the current directory
     * @param allowSetuid keep the setuid and setgid bits of its files
     */
    public record ContainerImage(String reference, boolean allowSetuid) implements Input {
    }
}
