package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.Optional;

/** Turns the staged tree into the output format, at a temporary path next to the final output. */
interface ImageWriter {

    /**
     * Writes the image for {@code staging} to {@code temporary}, which does not exist yet.
     *
     * @return the SHA-256 of the image file, for formats that are one file
     */
    Optional<String> write(BuildContext context, Path staging, Path temporary)
            throws ImageBuildException, InvalidSpecException;

    /** True if the writer consumes the staging tree itself (a directory image is the staging tree, moved). */
    boolean consumesStaging();
}
