package dev.portajava.oci;

import dev.portajava.PortajavaException;

/**
 * A container image could not be used. The message is one line naming the image, blob or layer entry; the subtype
 * says whose fault it is: {@link InvalidSourceException} for the image or reference itself,
 * {@link SourceUnavailableException} for the registry, the network or the cache.
 */
public abstract class OciException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    protected OciException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The input (reference, archive, layout, manifest, layer) is wrong. */
    public static InvalidSourceException invalid(String message) {
        return new InvalidSourceException(message, null);
    }

    /** The input is wrong, as {@code cause} found. */
    public static InvalidSourceException invalid(String message, Throwable cause) {
        return new InvalidSourceException(message, cause);
    }

    /** The registry or the network failed, or the cache cannot be written. */
    public static SourceUnavailableException unavailable(String message, Throwable cause) {
        return new SourceUnavailableException(message, cause);
    }
}
