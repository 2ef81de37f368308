package dev.portajava.ddi;

import java.nio.file.Path;

/** A signing key or certificate cannot be read, is of an unsupported type, or the two do not belong together. */
public final class SigningKeyException extends DiskImageException {

    private static final long serialVersionUID = 1L;

    public SigningKeyException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SigningKeyException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

}
