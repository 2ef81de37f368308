package dev.portajava.attach;

import dev.portajava.ExitStatus;

/** The system bus cannot be reached. */
public final class BusUnavailableException extends AttachException {

    private static final long serialVersionUID = 1L;

    public BusUnavailableException(String message) {
        super(message);
    }

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus exitStatus() {
        return ExitStatus.ENVIRONMENT;
    }
}
