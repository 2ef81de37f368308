package dev.portajava.attach.polkit;

import java.util.regex.Pattern;

/**
 * A Unix group that a polkit rule names. The name goes into the rule's JavaScript as a string and into the rule's
 * file name, so only the names Debian's {@code groupadd} and systemd accept are taken, less what could end either: a
 * letter, digit or underscore, then letters, digits, underscores, hyphens and dots, 32 characters at most, and not
 * digits alone (a group ID's form).
 */
public record PolkitGroup(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public PolkitGroup {
        if (!NAME.matcher(name).matches() || DIGITS.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a group name: a letter, digit or _, then"
                    + " letters, digits, _, - and ., at most 32 characters, and not digits alone");
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
