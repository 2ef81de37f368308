package dev.portajava;

/** The documented exit codes of the {@code portajava} command. */
public enum ExitStatus {
    /** The command did what was asked. */
    OK(0, "success"),
    /** The operation was attempted and failed, or the answer is "no" (is-attached of a detached image). */
    FAILED(1, "the operation failed"),
    /** The command line, the spec or the image is wrong. */
    BAD_INPUT(2, "bad usage or bad input (spec, image, profile)"),
    /** The environment is missing something: no system bus, no portabled, not authorised, a tool not installed. */
    ENVIRONMENT(3, "environment problem (no bus, no portabled, not authorised, missing tool)"),
    /** A bug: an unexpected exception. */
    INTERNAL(4, "internal error (stack trace with --verbose)");

    private final int code;
    private final String description;

    ExitStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
