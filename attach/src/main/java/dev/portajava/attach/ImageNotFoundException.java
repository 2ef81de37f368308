package dev.portajava.attach;


/** No image of that name or path exists. */
public final class ImageNotFoundException extends AttachException {

    private static final long serialVersionUID = 1L;

    public ImageNotFoundException(String message) {
        super(message);
    }

    public ImageNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

}
