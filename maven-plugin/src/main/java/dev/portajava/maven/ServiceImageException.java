package dev.portajava.maven;

import dev.portajava.PortajavaException;

/** A service image could not be made: its runtime, start-up archive or tree; the message says which and why. */
public final class ServiceImageException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    ServiceImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
