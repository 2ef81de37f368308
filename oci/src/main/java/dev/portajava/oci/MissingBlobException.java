package dev.portajava.oci;

/** The registry answered that it has no blob of the digest asked for. */
public final class MissingBlobException extends InvalidSourceException {

    private static final long serialVersionUID = 1L;

    public MissingBlobException(String message) {
        super(message, null);
    }
}
