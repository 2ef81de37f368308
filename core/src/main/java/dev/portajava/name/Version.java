package dev.portajava.name;

import dev.portajava.text.AsciiNames;
import java.util.Comparator;

/**
 * An image version ({@code IMAGE_VERSION=}, the part of {@code NAME_VERSION.raw} after the {@code _}), ordered as
 * systemd orders versions (the UAPI version format specification, {@code strverscmp_improved()}): the text is read as
 * segments of digits or of letters, each optionally after one of {@code ~ - ^ .}; any other character only separates
 * segments. A segment after {@code ~} is older than anything, even the end of the text (1.0~rc1 before 1.0);
 * otherwise the text with more segments is newer (1.0 before 1.0.1). Before {@code -} is older than before {@code ^},
 * which is older than before {@code .}, which is older than no prefix; numbers compare by value and are newer than
 * letters; letters compare as bytes, the longer run newer.
 */
public record Version(String text) implements Comparable<Version> {

    /** The order of the separators a segment may follow: a segment after an earlier one is older. */
    private static final String SEPARATORS = "-^.";

    public static final Comparator<Version> ORDER = Version::compare;

    public Version {
        if (text == null) {
            throw new IllegalArgumentException("no version");
        }
    }

    @Override
    public int compareTo(Version other) {
        return compare(this, other);
    }

    private static int compare(Version left, Version right) {
        Cursor a = new Cursor(left.text);
        Cursor b = new Cursor(right.text);
        while (true) {
            a.skipInvalid();
            b.skipInvalid();
            int r = a.prefixed('~') == b.prefixed('~') ? 0 : a.prefixed('~') ? -1 : 1;
            if (r != 0) {
                return r;
            }
            if (a.prefixed('~')) {
                a.position++;
                b.position++;
            }
            if (a.atEnd() || b.atEnd()) {
                return Boolean.compare(!a.atEnd(), !b.atEnd());
            }
            for (char separator : SEPARATORS.toCharArray()) {
                if (a.prefixed(separator) || b.prefixed(separator)) {
                    r = Boolean.compare(!a.prefixed(separator), !b.prefixed(separator));
                    if (r != 0) {
                        return r;
                    }
                    a.position++;
                    b.position++;
                }
            }
            r = a.digit() || b.digit() ? compareNumbers(a, b) : compareLetters(a, b);
            if (r != 0) {
                return r;
            }
        }
    }

    private static int compareNumbers(Cursor a, Cursor b) {
        String x = a.take(AsciiNames::isDigit);
        String y = b.take(AsciiNames::isDigit);
        int r = Boolean.compare(!x.isEmpty(), !y.isEmpty());
        if (r != 0) {
            return r;
        }
        x = x.replaceFirst("^0+", "");
        y = y.replaceFirst("^0+", "");
        r = Integer.compare(x.length(), y.length());
        return r != 0 ? r : Integer.signum(x.compareTo(y));
    }

    private static int compareLetters(Cursor a, Cursor b) {
        String x = a.take(AsciiNames::isLetter);
        String y = b.take(AsciiNames::isLetter);
        int common = Math.min(x.length(), y.length());
        int r = Integer.signum(x.substring(0, common).compareTo(y.substring(0, common)));
        return r != 0 ? r : Integer.compare(x.length(), y.length());
    }

    @Override
    public String toString() {
        return text;
    }

    /** A position in a version's text. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        boolean prefixed(char c) {
            return !atEnd() && text.charAt(position) == c;
        }

        boolean digit() {
            return !atEnd() && AsciiNames.isDigit(text.charAt(position));
        }

        void skipInvalid() {
            while (!atEnd() && !valid(text.charAt(position))) {
                position++;
            }
        }

        String take(java.util.function.IntPredicate kind) {
            int start = position;
            while (!atEnd() && kind.test(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private static boolean valid(char c) {
            return AsciiNames.isAlphanumeric(c) || c == '~' || c == '-' || c == '^' || c == '.';
        }
    }
}
