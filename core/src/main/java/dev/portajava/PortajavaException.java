package dev.portajava;

/**
 * The root of every error portajava reports to its user. Its message is one line that names the file,
 * image or unit concerned and what is wrong with it; {@link #exitCode()} says how the command ends.
 */
public abstract class PortajavaException extends Exception {

    private static final long serialVersionUID = 1L;

    protected PortajavaException(String message) {
        super(message);
    }

    protected PortajavaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit status this error maps to. */
    public abstract ExitStatus exitStatus();

    public final int exitCode() {
        return exitStatus().code();
    }
}
