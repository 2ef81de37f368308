package dev.portajava.name;

import dev.portajava.text.AsciiNames;
import dev.portajava.text.ControlCharacters;
import java.util.Optional;

/**
 * A unit file name portabled will attach: a valid systemd unit name whose type is one of {@link UnitType}.
 * Templates ({@code foo@.service}) and instances ({@code foo@bar.service}) are valid names.
 */
public record UnitName(String value, UnitType type) {

    /** What a unit name may hold besides ASCII letters and digits (and one '@'). */
    private static final String NAME_CHARACTERS = ":_.-\\";

    public UnitName {
        if (value == null || value.length() > 255 || !isValid(value)) {
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(String.valueOf(value))
                    + "' is not a valid unit name");
        }
        if (type == null || !value.endsWith("." + type.suffix())) {
            throw new IllegalArgumentException("'" + value + "' is not a ." + (type == null ? "?" : type.suffix()) + " unit");
        }
    }

    /**
     * systemd's unit_name_is_valid(): letters, digits, ':', '_', '.', '-' and backslashes, at most one '@' with a
     * name before it, and a type of lower-case letters after the last dot.
     */
    public static boolean isValid(String value) {
        int dot = value.lastIndexOf('.');
        if (dot < 0 || dot == value.length() - 1) {
            return false;
        }
        for (int i = dot + 1; i < value.length(); i++) {
            if (value.charAt(i) < 'a' || value.charAt(i) > 'z') {
                return false;
            }
        }
        String name = value.substring(0, dot);
        int at = name.indexOf('@');
        String instance = at < 0 ? "" : name.substring(at + 1);
        return AsciiNames.only(at < 0 ? name : name.substring(0, at), NAME_CHARACTERS)
                && (instance.isEmpty() || AsciiNames.only(instance, NAME_CHARACTERS));
    }

    /**
     * Parses a unit file name.
     *
     * @throws IllegalArgumentException if it is not a valid unit name, or its type is one portabled does not take
     */
    public static UnitName parse(String fileName) {
        Optional<UnitType> type = UnitType.ofFileName(fileName);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(fileName)
                    + "' is not a unit type portable"
                    + " services may ship (only .service, .socket, .target, .timer, .path)");
        }
        return new UnitName(fileName, type.get());
    }

    /** True for {@code foo@.service}: such a unit cannot be started without an instance name. */
    public boolean isTemplate() {
        return value.contains("@.");
    }

    /** True if this unit belongs to {@code prefix}, as portabled matches them. */
    public boolean hasPrefix(Prefix prefix) {
        return prefix.matches(value);
    }

    /*
     * equals and hashCode are written out: a record's own are made from method handles the first time they run, as
     * when a build makes its list of units distinct (StartupTest).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnitName name && value.equals(name.value) && type == name.type;
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
