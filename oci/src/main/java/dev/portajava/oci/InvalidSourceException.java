package dev.portajava.oci;

/** The container image given is wrong: a bad reference, archive, layout, manifest, blob or layer. */
public class InvalidSourceException extends OciException {

    private static final long serialVersionUID = 1L;

    public InvalidSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
