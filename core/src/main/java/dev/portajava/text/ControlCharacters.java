package dev.portajava.text;

/**
 * Text from an image, a host or a user (file names, os-release values, unit names, spec values, messages that quote
 * them) on its way to a terminal or a log: a control character in it could move the cursor, retitle the window or
 * clear the screen, so each is shown escaped instead. This class is the one place that does it.
 *
 * <p>Control characters are C0 ({@code U+0000}–{@code U+001F}), DEL ({@code U+007F}) and C1
 * ({@code U+0080}–{@code U+009F}). Each is shown as {@code \xNN} for each byte of its UTF-8 encoding: ESC is
 * {@code \x1b}, CSI ({@code U+009B}) is {@code \xc2\x9b}, as {@code printf} would write them. The line and paragraph
 * separators {@code U+2028} and {@code U+2029}, which some viewers break a line at, are shown the same way.
 *
 * <p>Text that holds bytes that are not UTF-8 carries each as the lone surrogate {@code U+DC80 + (byte - 0x80)} (see
 * {@code FileNames}); such a byte is shown as {@code \xNN} too, so {@code \xNN} always stands for one byte. Any other
 * lone surrogate, which no bytes encode, is shown as <code>&#92;uXXXX</code>. Everything else, "é" and "日本" too, is
 * shown as it is.
 *
 * <p>There are three ways of showing text:
 * <ul>
 *   <li>{@link #escaped}: one line of a message; its backslashes stay as they are, as the message may quote text that
 *       is already escaped.
 *   <li>{@link #escapedKeepingLines}: the content of a text file, printed as it is, newlines and tabs kept.
 *   <li>{@link #escapedUnambiguously}: a name or a value quoted in a message; a backslash is shown as {@code \\}, so
 *       that what is shown reads back as exactly one text: {@code a\x1b} is "a" and ESC, {@code a\\x1b} is "a", a
 *       backslash and "x1b".
 * </ul>
 */
public final class ControlCharacters {

    private static final char STRAY_BYTES = 0xDC00;

    private ControlCharacters() {
    }

    /** Whether {@code c} is a C0 or C1 control character or DEL. */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }

    /** Whether {@code text} holds a control character (a tab and a newline count). */
    public static boolean contains(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} as one printable line: every control character, the newline and the tab too, escaped. */
    public static String escaped(String text) {
        return escape(text, false, false);
    }

    /**
     * The content of a text file for printing as it is: newlines and tabs kept, every other control character
     * (ESC, BEL, carriage return, …) escaped.
     */
    public static String escapedKeepingLines(String text) {
        return escape(text, true, false);
    }

    /** {@code text} as one printable line that reads back as exactly {@code text}: escaped, each backslash doubled. */
    public static String escapedUnambiguously(String text) {
        return escape(text, false, true);
    }

    private static String escape(String text, boolean keepLines, boolean doubleBackslashes) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            String shown = pair ? null : shown(c, keepLines, doubleBackslashes);
            if (shown != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (shown != null) {
                    b.append(shown);
                } else {
                    b.append(c);
                }
            }
            if (pair) {
                i++;
                if (b != null) {
                    b.append(text.charAt(i));
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** How {@code c}, which is not part of a surrogate pair, is shown; null if as it is. */
    private static String shown(char c, boolean keepLines, boolean doubleBackslashes) {
        if (c == '\\') {
            return doubleBackslashes ? "\\\\" : null;
        }
        if (keepLines && (c == '\n' || c == '\t')) {
            return null;
        }
        if (isControl(c) || c == 0x2028 || c == 0x2029) {
            return bytes(c);
        }
        if (c >= STRAY_BYTES + 0x80 && c <= STRAY_BYTES + 0xff) {
            return hex(c & 0xff);
        }
        if (Character.isSurrogate(c)) {
            return "\\u" + Integer.toHexString(c);
        }
        return null;
    }

    /** The UTF-8 bytes of {@code c} (below {@code U+10000}) as {@code \xNN} each. */
    private static String bytes(char c) {
        if (c < 0x80) {
            return hex(c);
        }
        if (c < 0x800) {
            return hex(0xc0 | c >> 6) + hex(0x80 | c & 0x3f);
        }
        return hex(0xe0 | c >> 12) + hex(0x80 | c >> 6 & 0x3f) + hex(0x80 | c & 0x3f);
    }

    private static String hex(int b) {
        return "\\x" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 0xf, 16);
    }
}
