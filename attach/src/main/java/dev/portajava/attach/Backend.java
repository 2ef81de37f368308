package dev.portajava.attach;

import java.util.Locale;

/** Who does the attaching: systemd-portabled over D-Bus, portajava itself, or whichever the host allows. */
public enum Backend {
    /** portabled when its bus name can be activated, native otherwise. */
    AUTO,
    /** systemd-portabled ({@code org.freedesktop.portable1}). */
    PORTABLED,
    /** portajava writes what portabled would write, in this process. */
    NATIVE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
