package dev.portajava.attach;


/** A unit that was started did not come up, or died right after. */
public final class UnitFailedException extends AttachException {

    private static final long serialVersionUID = 1L;

    private final String unit;

    public UnitFailedException(String message) {
        this(null, message, null);
    }

    public UnitFailedException(String message, Throwable cause) {
        this(cause instanceof UnitFailedException failed ? failed.unit : null, message, cause);
    }

    /** {@code unit} failed; {@code message} says how. */
    public UnitFailedException(String unit, String message, Throwable cause) {
        super(message, cause);
        this.unit = unit;
    }

    /** The unit that failed, when one did. */
    public java.util.Optional<String> unit() {
        return java.util.Optional.ofNullable(unit);
    }

}
