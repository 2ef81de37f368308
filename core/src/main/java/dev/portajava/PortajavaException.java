package dev.portajava;

/**
 * The root of every error portajava reports to its user. Its message is one line that names the file, image or
 * unit concerned and what is wrong with it. The type says what kind of error it is; libraries never choose how a
 * command ends: the command line maps exception types to exit codes, in one place.
 */
public abstract class PortajavaException extends Exception {

    private static final long serialVersionUID = 1L;

    protected PortajavaException(String message) {
        super(message);
    }

    protected PortajavaException(String message, Throwable cause) {
        super(message, cause);
    }
}
