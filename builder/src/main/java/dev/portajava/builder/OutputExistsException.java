package dev.portajava.builder;

import dev.portajava.ExitStatus;
import java.nio.file.Path;

/** The output path exists and replacing it was not asked for. */
public final class OutputExistsException extends ImageBuildException {

    private static final long serialVersionUID = 1L;

    public OutputExistsException(Path output) {
        super(output + ": already exists; use --force to replace it");
    }

    @Override
    public ExitStatus exitStatus() {
        return ExitStatus.BAD_INPUT;
    }
}
