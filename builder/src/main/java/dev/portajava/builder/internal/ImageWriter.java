package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.ImageFile.Sidecar;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Writes the image's plan in the output format, at a temporary path next to the final output. */
interface ImageWriter {

    /**
     * Writes the image of {@code plan} to {@code temporary}, which does not exist yet.
     */
    WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException;

    /**
     * What a writer produced besides the image. (The runner hashes the image file itself, once, when it is final.)
     *
     * @param rootHash the dm-verity root hash, for verity images
     * @param sidecars files written next to {@code temporary}, to be moved next to the output: the temporary path
     *     and which sidecar of the output it is
     */
    record WrittenImage(Optional<String> rootHash, Map<Path, Sidecar> sidecars) {
        public WrittenImage {
            sidecars = Map.copyOf(sidecars);
        }

        /** Just the image: no root hash, no sidecars. */
        static WrittenImage plain() {
            return new WrittenImage(Optional.empty(), Map.of());
        }
    }
}
