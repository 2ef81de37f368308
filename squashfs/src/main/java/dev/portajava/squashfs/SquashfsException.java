package dev.portajava.squashfs;

import dev.portajava.PortajavaException;

/** Writing or reading a squashfs image failed: the message names the image or file and the problem, in one line. */
public class SquashfsException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public SquashfsException(String message) {
        super(message);
    }

    public SquashfsException(String message, Throwable cause) {
        super(message, cause);
    }

}
