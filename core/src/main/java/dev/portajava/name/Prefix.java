package dev.portajava.name;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A unit name prefix, as listed in {@code PORTABLE_PREFIXES=} and matched by portabled: a unit belongs to a
 * prefix when its name starts with it and the next character is {@code -}, {@code .} or {@code @}.
 */
public record Prefix(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9:_\\\\-]+(\\.[A-Za-z0-9:_\\\\-]+)*");

    public Prefix {
        if (value == null || value.isEmpty() || value.length() > 255 || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid unit prefix");
        }
    }

    /** True if {@code unitFileName} starts with this prefix followed by {@code -}, {@code .} or {@code @}. */
    public boolean matches(String unitFileName) {
        if (!unitFileName.startsWith(value) || unitFileName.length() == value.length()) {
            return false;
        }
        char next = unitFileName.charAt(value.length());
        return next == '-' || next == '.' || next == '@';
    }

    /** True if {@code prefixes} select {@code unitFileName}: one of them matches it, or there are none (all units). */
    public static boolean selects(List<Prefix> prefixes, String unitFileName) {
        if (prefixes.isEmpty()) {
            return true;
        }
        for (Prefix prefix : prefixes) {
            if (prefix.matches(unitFileName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
