package dev.portajava.attach;

/**
 * The system bus reached belongs to another machine than the tree the native backend would write: it would write
 * units into one machine and reload, enable and start them in another.
 */
public final class ForeignBusException extends BusUnavailableException {

    private static final long serialVersionUID = 1L;

    public ForeignBusException(String message) {
        super(message);
    }
}
