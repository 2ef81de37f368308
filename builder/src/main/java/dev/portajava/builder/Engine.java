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

    /** The engine of that {@link #label()}. */
    public static Engine parse(String label) {
        for (Engine engine : values()) {
            if (engine.label().equals(label)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not an engine (java, mksquashfs)");
    }
}
