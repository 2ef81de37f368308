package dev.portajava.builder;

import dev.portajava.PortajavaException;

/** Building the image failed for a reason other than the spec: a tool failed, a file could not be written. */
public class ImageBuildException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }

}
