package dev.portajava.attach.polkit;

import java.util.regex.Pattern;

/**
 * A Unix group that a polkit rule names. The name goes into the rule's JavaScript as a string, so only the names
 * {@code useradd} and {@code groupadd} accept by default are taken: a letter or underscore, then letters, digits,
 * underscores and hyphens, 32 characters at most.
 */
public record PolkitGroup(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,31}");

    public PolkitGroup {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a group name: a letter or _, then letters,"
                    + " digits, _ and -, at most 32 characters");
        }
    }

    /** The group named {@code text}, or {@link IllegalArgumentException} saying what is wrong with it. */
    public static PolkitGroup parse(String text) {
        return new PolkitGroup(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
