package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Turns the staged tree into the output format, at a temporary path next to the final output. */
interface ImageWriter {

    /**
     * Writes the image for {@code staging} to {@code temporary}, which does not exist yet.
     */
    WrittenImage write(BuildContext context, Path staging, Path temporary)
            throws ImageBuildException, InvalidSpecException;

    /**
     * What a writer produced besides the image.
     *
     * @param sha256 the SHA-256 of the image file, for formats that are one file
     * @param rootHash the dm-verity root hash, for verity images
     * @param sidecars files written next to {@code temporary}, to be moved next to the output: the temporary path
     *     and the suffix that replaces the output's {@code .raw}
     */
    record WrittenImage(Optional<String> sha256, Optional<String> rootHash, Map<Path, String> sidecars) {
        public WrittenImage {
            sidecars = Map.copyOf(sidecars);
        }

        static WrittenImage of(Optional<String> sha256) {
            return new WrittenImage(sha256, Optional.empty(), Map.of());
        }
    }

    /** True if the writer consumes the staging tree itself (a directory image is the staging tree, moved). */
    boolean consumesStaging();
}
