package dev.portajava.attach;


/** The native backend cannot read this kind of image; the message names what is missing. */
public final class UnreadableImageException extends AttachException {

    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }

}
