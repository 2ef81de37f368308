package dev.portajava.attach;


/**
 * The image is not a portable service image portabled will attach: no os-release, no matching unit, a prefix it does
 * not allow, a file name that gives no valid image name.
 */
public final class InvalidImageException extends AttachException {

    private static final long serialVersionUID = 1L;

    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }

}
