package dev.portajava.attach;

import java.util.Locale;

/** What attach or detach did to one path, as portabled reports it. */
public enum ChangeType {
    COPY("Copied %s."),
    SYMLINK("Created symlink %s \u2192 %s."),
    UNLINK("Removed %s."),
    WRITE("Written %s."),
    MKDIR("Created directory %s.");

    private final String format;

    ChangeType(String format) {
        this.format = format;
    }

    /** Parses portabled's name ({@code copy}, {@code symlink}, …). */
    public static ChangeType parse(String wire) {
        for (ChangeType type : values()) {
            if (type.wireName().equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown change type '" + wire + "'");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The line portablectl prints for such a change. */
    public String describe(String path, String source) {
        return String.format(format, path, source);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
