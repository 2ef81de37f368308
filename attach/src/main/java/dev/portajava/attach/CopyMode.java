package dev.portajava.attach;

import java.util.Locale;

/** How attach places unit files and profile drop-ins on the host ({@code --copy}). */
public enum CopyMode {
    /** portabled decides: units out of raw images are copied, profile drop-ins are symlinked. */
    AUTO(""),
    COPY("copy"),
    SYMLINK("symlink"),
    /**
     * systemd 256 and later: units copied and profile drop-ins symlinked as with {@link #AUTO}, and an image outside
     * the image search path copied into /etc/portables (/run/portables with --runtime) instead of linked there.
     */
    MIXED("mixed");

    private final String wireName;

    CopyMode(String wireName) {
        this.wireName = wireName;
    }

    /** The value of portabled's {@code copy_mode} argument. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
