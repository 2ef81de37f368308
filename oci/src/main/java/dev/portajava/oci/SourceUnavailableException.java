package dev.portajava.oci;

/** The image could not be fetched or kept: the registry or the network failed, refused us, or the cache is unusable. */
public class SourceUnavailableException extends OciException {

    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
