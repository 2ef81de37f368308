package dev.portajava.builder.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the values of a unit file, as systemd.syntax(7) and systemd.service(5) read them. */
final class ServiceUnitText {

    private ServiceUnitText() {
    }

    /**
     * An {@code ExecStart=} command line that gives the program exactly {@code argv}, as {@code docker run} does:
     * every word double-quoted, {@code $} and {@code %} doubled so systemd expands neither a variable nor a
     * specifier, and control characters as C escapes.
     */
    static String commandLine(List<String> argv) {
        return argv.stream().map(word -> quoted(word, true)).collect(Collectors.joining(" "));
    }

    /** An {@code Environment=} assignment: one quoted word; specifiers are expanded there, variables are not. */
    static String assignment(String nameAndValue) {
        return quoted(nameAndValue, false);
    }

    private static String quoted(String word, boolean escapeDollar) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '%' -> b.append("%%");
                case '$' -> b.append(escapeDollar ? "$$" : "$");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
