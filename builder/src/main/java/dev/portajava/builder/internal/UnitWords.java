package dev.portajava.builder.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a unit file value, split as systemd splits command lines and {@code Environment=}: at whitespace,
 * with single and double quotes removed and C escapes ({@code \n}, {@code \x41}, {@code \s} …) decoded; an escape
 * systemd does not know stays as written.
 */
final class UnitWords {

    /** A word and the text it was written as: a lone {@code ;} separates commands only when written so. */
    record Word(String value, String raw) {
    }

    private UnitWords() {
    }

    static List<Word> split(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                return words;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < text.length() && (quote != 0 || !Character.isWhitespace(text.charAt(i)))) {
                char c = text.charAt(i++);
                if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == '\\' && i < text.length()) {
                    i = unescape(text, i, word);
                } else {
                    word.append(c);
                }
            }
            words.add(new Word(word.toString(), text.substring(start, i)));
        }
    }

    /** Decodes the escape whose letter is at {@code at} into {@code out}; returns where the text goes on. */
    private static int unescape(String text, int at, StringBuilder out) {
        char c = text.charAt(at);
        String simple = "abfnrtvs\\\"'";
        String decoded = "\u0007\b\f\n\r\t\u000b \\\"'";
        if (simple.indexOf(c) >= 0) {
            out.append(decoded.charAt(simple.indexOf(c)));
            return at + 1;
        }
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : c >= '0' && c <= '7' ? 3 : 0;
        int from = c >= '0' && c <= '7' ? at : at + 1;
        if (digits > 0 && from + digits <= text.length()) {
            try {
                int code = Integer.parseInt(text.substring(from, from + digits), from == at ? 8 : 16);
                out.appendCodePoint(code);
                return from + digits;
            } catch (IllegalArgumentException e) {
                // not an escape systemd knows: kept as written
            }
        }
        out.append('\\').append(c);
        return at + 1;
    }
}
