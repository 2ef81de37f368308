package dev.portajava.attach;


/** A unit of the image is already on the host, or is active where it may not be. */
public final class AttachConflictException extends AttachException {

    private static final long serialVersionUID = 1L;

    public AttachConflictException(String message) {
        super(message);
    }

    public AttachConflictException(String message, Throwable cause) {
        super(message, cause);
    }

}
