package dev.portajava.text;

/**
 * The characters of the names systemd and portajava validate, checked one by one: the commands that attach and
 * detach compile no regular expression (StartupTest says why).
 */
public final class AsciiNames {

    private AsciiNames() {
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isAlphanumeric(int c) {
        return isDigit(c) || isLetter(c);
    }

    /** True if {@code text} is not empty and holds only ASCII letters, digits and characters of {@code others}. */
    public static boolean only(String text, String others) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && others.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code text} is exactly {@code length} lower-case hex digits: 0 to 9 and a to f. */
    public static boolean isLowerHex(CharSequence text, int length) {
        if (text == null || text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code text} is not empty and holds only the digits 0 to 9. */
    public static boolean isDigits(String text) {
        return digits(text, 0) == text.length() && !text.isEmpty();
    }

    /** Where the run of digits 0 to 9 that starts at {@code from} in {@code text} ends. */
    public static int digits(String text, int from) {
        int end = from;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
