package dev.portajava.attach;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/** The caller may not do this: attaching needs root, or a polkit authorization. */
public final class NotAuthorizedException extends AttachException {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedException(String message) {
        super(message);
    }

    public NotAuthorizedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The refusal a failed write of a host file means, if the system refused it for lack of rights. */
    public static Optional<NotAuthorizedException> ofWrite(IOException e) {
        if (e instanceof AccessDeniedException || (e instanceof FileSystemException failure
                && "Operation not permitted".equals(failure.getReason()))) {
            String file = ((FileSystemException) e).getFile();
            return Optional.of(new NotAuthorizedException("cannot write " + file + ": permission denied; run"
                    + " portajava as root", e));
        }
        return Optional.empty();
    }
}
