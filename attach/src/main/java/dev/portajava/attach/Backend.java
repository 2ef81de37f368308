package dev.portajava.attach;

/** Who does the attaching: systemd-portabled over D-Bus, portajava itself, or whichever the host allows. */
public enum Backend {
    /** portabled when its bus name can be activated, native otherwise. */
    AUTO("auto"),
    /** systemd-portabled ({@code org.freedesktop.portable1}). */
    PORTABLED("portabled"),
    /** portajava writes what portabled would write, in this process. */
    NATIVE("native");

    private final String typed;

    /**
     * {@code typed}: the name as users type it, written out: {@code toLowerCase(Locale.ROOT)} would set up
     * {@code Locale} in a command that needs it nowhere else.
     */
    Backend(String typed) {
        this.typed = typed;
    }

    @Override
    public String toString() {
        return typed;
    }
}
