package dev.portajava.squashfs;

/**
 * The image file could not be written: its file system is full, read-only or failing. What was read to make it was
 * fine; the message names the image.
 */
public final class ImageWriteException extends SquashfsException {

    private static final long serialVersionUID = 1L;

    public ImageWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
