package dev.portajava.squashfs;


/**
 * The image is not a squashfs image this reader can read: truncated, a table or block out of bounds, a loop in
 * its directories, a size it cannot hold, a compressor it does not know.
 */
public final class CorruptImageException extends SquashfsException {

    private static final long serialVersionUID = 1L;

    public CorruptImageException(String message) {
        super(message);
    }

    public CorruptImageException(String message, Throwable cause) {
        super(message, cause);
    }

}
