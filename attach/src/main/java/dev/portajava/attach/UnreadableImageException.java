package dev.portajava.attach;


/**
 * portajava cannot read this image (random bytes, an ext4 or erofs file system, a disk image with partitions it does
 * not read), so it cannot check it, and no backend attaches it; the message names what the image is.
 */
public final class UnreadableImageException extends AttachException {

    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }

}
