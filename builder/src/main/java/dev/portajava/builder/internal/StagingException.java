package dev.portajava.builder.internal;

/** A write into the staging tree was refused or failed; the step that called it adds which spec entry it was. */
public final class StagingException extends Exception {

    private static final long serialVersionUID = 1L;

    public StagingException(String message) {
        super(message);
    }
}
