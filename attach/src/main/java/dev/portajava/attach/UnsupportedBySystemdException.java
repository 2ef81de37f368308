package dev.portajava.attach;

/** The host's systemd is too old for what was asked, such as {@code --copy mixed} on systemd 252. */
public final class UnsupportedBySystemdException extends AttachException {

    private static final long serialVersionUID = 1L;

    public UnsupportedBySystemdException(String message) {
        super(message);
    }
}
