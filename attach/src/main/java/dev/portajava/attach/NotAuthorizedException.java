package dev.portajava.attach;


/** The caller may not do this: attaching needs root, or a polkit authorization. */
public final class NotAuthorizedException extends AttachException {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedException(String message) {
        super(message);
    }

    public NotAuthorizedException(String message, Throwable cause) {
        super(message, cause);
    }

}
