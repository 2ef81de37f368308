package dev.portajava.attach;


/** The system bus cannot be reached, or the one reached is not this machine's. */
public class BusUnavailableException extends AttachException {

    private static final long serialVersionUID = 1L;

    public BusUnavailableException(String message) {
        super(message);
    }

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

}
