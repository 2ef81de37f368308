package dev.portajava;

import java.util.LinkedHashMap;
import java.util.Map;

/** The os-release format (os-release(5)): {@code KEY=value} lines, values optionally quoted. */
public final class OsRelease {

    private OsRelease() {
    }

    /** The fields of an os-release file, in file order; comments, blank and malformed lines skipped. */
    public static Map<String, String> parse(String text) {
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
