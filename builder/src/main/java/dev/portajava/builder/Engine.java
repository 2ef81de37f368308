package dev.portajava.builder;

import java.util.Locale;

/** What writes a raw squashfs image. */
public enum Engine {
    /** The squashfs writer in this process: nothing to install (the default). */
    JAVA,
    /** {@code mksquashfs} from squashfs-tools, run as a separate program. */
    MKSQUASHFS;

    /** The name the command line uses: java, mksquashfs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
