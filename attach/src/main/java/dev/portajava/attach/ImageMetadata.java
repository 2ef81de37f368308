package dev.portajava.attach;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an image offers: its os-release fields (in file order) and the unit files matching the requested prefixes.
 *
 * @param units unit file name to its content
 */
public record ImageMetadata(String path, Map<String, String> osRelease, SortedMap<String, String> units) {

    public ImageMetadata {
        osRelease = Collections.unmodifiableMap(new LinkedHashMap<>(osRelease));
        units = new TreeMap<>(units);
    }

    /** Parses an os-release file: {@code KEY=value} lines, values optionally quoted, in file order. */
    public static Map<String, String> parseOsRelease(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            fields.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return fields;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            StringBuilder out = new StringBuilder();
            boolean doubleQuoted = value.charAt(0) == '"';
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (doubleQuoted && c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }
}
