package dev.portajava.builder;

import java.nio.file.Path;

/**
 * The image could not be written where the user asked: the file system is full, read-only or not ours to write.
 * The inputs were fine; the message names the output.
 */
public final class OutputWriteException extends ImageBuildException {

    private static final long serialVersionUID = 1L;

    public OutputWriteException(Path output, String problem, Throwable cause) {
        super(output + ": " + problem, cause);
    }
}
