package dev.portajava.attach;

/** The root tree given with {@code --root} is not one to attach into: it holds no systemd. */
public final class InvalidRootException extends AttachException {

    private static final long serialVersionUID = 1L;

    public InvalidRootException(String message) {
        super(message);
    }
}
