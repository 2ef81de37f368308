package dev.portajava.feed;

import dev.portajava.PortajavaException;

/** Publishing to a feed, or reading one, failed; subclasses say why. */
public class FeedException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
