package dev.portajava.builder;

import dev.portajava.PortajavaException;
import java.nio.file.Path;

/** The spec, or a file it names, is wrong: the message says which file and what is wrong with it. */
public class InvalidSpecException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public InvalidSpecException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidSpecException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

}
