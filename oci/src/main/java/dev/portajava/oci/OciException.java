package dev.portajava.oci;

import dev.portajava.ExitStatus;
import dev.portajava.PortajavaException;

/**
 * A container image could not be used: a bad reference, a registry that refused, a blob whose digest or size is
 * wrong, a hostile layer. The message is one line naming the image, blob or layer entry.
 */
public class OciException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    public OciException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public OciException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The input (reference, archive, layout, layer) is wrong. */
    public static OciException badInput(String message) {
        return new OciException(ExitStatus.BAD_INPUT, message);
    }

    /** The registry or the network failed, or the cache cannot be written. */
    public static OciException environment(String message, Throwable cause) {
        return new OciException(ExitStatus.ENVIRONMENT, message, cause);
    }

    @Override
    public ExitStatus exitStatus() {
        return status;
    }
}
