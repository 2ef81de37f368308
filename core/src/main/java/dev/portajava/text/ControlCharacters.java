package dev.portajava.text;

/**
 * Text from an image (its os-release, unit names and files, names portabled reports) on its way to a terminal: a
 * control character in it could move the cursor, retitle the window or clear the screen, so each is shown as
 * {@code \xNN} instead. Control characters are C0 ({@code U+0000}–{@code U+001F}), DEL ({@code U+007F}) and C1
 * ({@code U+0080}–{@code U+009F}); {@code NN} is the character's code in hex.
 */
public final class ControlCharacters {

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

    /** {@code text} as one printable line: every control character, the newline and the tab too, as {@code \xNN}. */
    public static String escaped(String text) {
        return escape(text, false);
    }

    /**
     * The content of a text file for printing as it is: newlines and tabs kept, every other control character
     * (ESC, BEL, carriage return, …) as {@code \xNN}.
     */
    public static String escapedKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !escapes(text.charAt(first), keepLines)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapes(c, keepLines)) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean escapes(char c, boolean keepLines) {
        return isControl(c) && !(keepLines && (c == '\n' || c == '\t'));
    }
}
