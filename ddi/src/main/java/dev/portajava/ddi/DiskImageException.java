package dev.portajava.ddi;

import dev.portajava.PortajavaException;

/** Writing or reading a verity image failed: a file could not be read or written. */
public class DiskImageException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public DiskImageException(String message) {
        super(message);
    }

    public DiskImageException(String message, Throwable cause) {
        super(message, cause);
    }

}
