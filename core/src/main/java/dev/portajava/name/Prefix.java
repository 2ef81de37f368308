package dev.portajava.name;

import dev.portajava.text.AsciiNames;
import dev.portajava.text.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A unit name prefix, as listed in {@code PORTABLE_PREFIXES=} and matched by portabled: a unit belongs to a
 * prefix when its name starts with it and the next character is {@code -}, {@code .} or {@code @}.
 */
public record Prefix(String value) {

    /** The os-release and extension-release field that lists an image's prefixes, separated by whitespace. */
    public static final String OS_RELEASE_FIELD = "PORTABLE_PREFIXES";

    public Prefix {
        // letters, digits, ':', '_', '-' and backslashes, in parts joined by single dots
        if (value == null || value.length() > 255 || !AsciiNames.only(value, ":_\\-.") || value.startsWith(".")
                || value.endsWith(".") || value.contains("..")) {
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

    /**
     * The prefixes an attach without PREFIX arguments takes: those {@code releases} (the image's os-release and its
     * extensions' extension-release files) declare in {@code PORTABLE_PREFIXES=}, so that an image attaches no unit
     * outside the prefixes it declares; where none declares any, the default prefix of each of {@code images}, as
     * portablectl derives it from the image's file name.
     *
     * @throws IllegalArgumentException when a declared prefix is no valid prefix
     */
    public static List<Prefix> implied(List<Map<String, String>> releases, List<ImageName> images) {
        List<Prefix> implied = new ArrayList<>();
        for (String declared : declaredIn(releases).orElse(Collections.emptySortedSet())) {
            implied.add(new Prefix(declared));
        }
        if (implied.isEmpty()) {
            List<String> seen = new ArrayList<>();
            for (ImageName image : images) {
                // compared by value: a record's own equals is linked at its first call, which a short command pays
                if (!seen.contains(image.value())) {
                    seen.add(image.value());
                    implied.add(image.defaultPrefix());
                }
            }
        }
        return implied;
    }

    /** The values of {@code prefixes}, in order. */
    public static List<String> values(List<Prefix> prefixes) {
        List<String> values = new ArrayList<>(prefixes.size());
        for (Prefix prefix : prefixes) {
            values.add(prefix.value);
        }
        return values;
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * The prefixes that {@code releases} (the fields of an image's os-release and of its extensions'
     * extension-release files) declare in {@code PORTABLE_PREFIXES=}, each once, sorted; empty if none of them has
     * the field, and portabled then takes any match.
     */
    public static Optional<SortedSet<String>> declaredIn(List<Map<String, String>> releases) {
        SortedSet<String> prefixes = new TreeSet<>();
        boolean declared = false;
        for (Map<String, String> release : releases) {
            String value = release.get(OS_RELEASE_FIELD);
            if (value != null) {
                declared = true;
                prefixes.addAll(Words.of(value));
            }
        }
        return declared ? Optional.of(prefixes) : Optional.empty();
    }
}
