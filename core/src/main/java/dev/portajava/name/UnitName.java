package dev.portajava.name;

import dev.portajava.tree.FileNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A unit file name portabled will attach: a valid systemd unit name whose type is one of {@link UnitType}.
 * Templates ({@code foo@.service}) and instances ({@code foo@bar.service}) are valid names.
 */
public record UnitName(String value, UnitType type) {

    // systemd's unit_name_is_valid(): at most 255 characters of [A-Za-z0-9:_.\-@\\], one '@' at most
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.[a-z]+");

    public UnitName {
        if (value == null || value.length() > 255 || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + FileNames.printable(String.valueOf(value))
                    + "' is not a valid unit name");
        }
        if (type == null || !value.endsWith("." + type.suffix())) {
            throw new IllegalArgumentException("'" + value + "' is not a ." + (type == null ? "?" : type.suffix()) + " unit");
        }
    }

    /**
     * Parses a unit file name.
     *
     * @throws IllegalArgumentException if it is not a valid unit name, or its type is one portabled does not take
     */
    public static UnitName parse(String fileName) {
        Optional<UnitType> type = UnitType.ofFileName(fileName);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("'" + FileNames.printable(fileName) + "' is not a unit type portable"
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

    @Override
    public String toString() {
        return value;
    }
}
