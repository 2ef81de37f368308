package dev.portajava.builder;

import java.nio.file.Path;

/** The output path cannot be used: it exists and replacing it was not asked for, or its name or directory is wrong. */
public final class InvalidOutputException extends ImageBuildException {

    private static final long serialVersionUID = 1L;

    public InvalidOutputException(Path output, String problem) {
        super(output + ": " + problem);
    }

    public static InvalidOutputException exists(Path output) {
        return new InvalidOutputException(output, "already exists; use --force to replace it");
    }

}
