package dev.portajava.attach;

/**
 * A remote host ({@code -H}) cannot be used: ssh cannot reach it or log in, or it has no {@code
 * systemd-stdio-bridge} to reach its system bus through.
 */
public class RemoteHostException extends BusUnavailableException {

    private static final long serialVersionUID = 1L;

    public RemoteHostException(String message) {
        super(message);
    }

    public RemoteHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
