package dev.portajava.attach;

import java.util.Locale;

/** What attach or detach did to one path, as portabled reports it. */
public enum ChangeType {
    COPY("Copied"),
    SYMLINK("Created symlink"),
    UNLINK("Removed"),
    WRITE("Written"),
    MKDIR("Created directory");

    private final String verb;

    ChangeType(String verb) {
        this.verb = verb;
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

    /**
     * The line portablectl prints for such a change. Not made with {@code String.format}, whose first call compiles a
     * regular expression: the commands that attach and detach compile none (StartupTest).
     */
    public String describe(String path, String source) {
        return verb + " " + path + (this == SYMLINK ? " \u2192 " + source : "") + ".";
    }

    @Override
    public String toString() {
        return wireName();
    }
}
