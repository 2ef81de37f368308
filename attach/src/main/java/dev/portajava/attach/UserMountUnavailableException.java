package dev.portajava.attach;

/**
 * A user's portabled cannot mount an image on this host: systemd-mountfsd and systemd-nsresourced, which mount
 * images for users, cannot work here (the kernel lacks what they need).
 */
public final class UserMountUnavailableException extends AttachException {

    private static final long serialVersionUID = 1L;

    public UserMountUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
