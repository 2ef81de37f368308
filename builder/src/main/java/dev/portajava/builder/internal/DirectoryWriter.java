package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory image is the staged tree itself, moved next to the output. */
final class DirectoryWriter implements ImageWriter {

    @Override
    public WrittenImage write(BuildContext context, Path staging, Path temporary) throws ImageBuildException {
        try {
            Files.move(staging, temporary);
        } catch (IOException e) {
            throw new ImageBuildException("cannot move " + staging + " to " + temporary + ": " + e.getMessage(), e);
        }
        return WrittenImage.plain();
    }

}
