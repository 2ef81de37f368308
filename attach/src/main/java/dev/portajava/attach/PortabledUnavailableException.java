package dev.portajava.attach;


/** systemd-portabled cannot be reached on the system bus. */
public final class PortabledUnavailableException extends AttachException {

    private static final long serialVersionUID = 1L;

    public PortabledUnavailableException(String message) {
        super(message);
    }

    public PortabledUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

}
