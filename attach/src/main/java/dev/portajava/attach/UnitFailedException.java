package dev.portajava.attach;


/** A unit that was started did not come up, or died right after. */
public final class UnitFailedException extends AttachException {

    private static final long serialVersionUID = 1L;

    public UnitFailedException(String message) {
        super(message);
    }

    public UnitFailedException(String message, Throwable cause) {
        super(message, cause);
    }

}
