package dev.portajava.attach;


/** The image, or a unit of it, is not attached. */
public final class NotAttachedException extends AttachException {

    private static final long serialVersionUID = 1L;

    public NotAttachedException(String message) {
        super(message);
    }

    public NotAttachedException(String message, Throwable cause) {
        super(message, cause);
    }

}
