package dev.portajava.attach;

import dev.portajava.PortajavaException;

/** Attaching, detaching or querying an image failed; subclasses say why. */
public class AttachException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public AttachException(String message) {
        super(message);
    }

    public AttachException(String message, Throwable cause) {
        super(message, cause);
    }

}
