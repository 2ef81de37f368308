package dev.portajava.text;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time span as systemd writes one, in one unit: {@code 500ms}, {@code 10s} (a bare number is seconds), {@code 2min}, {@code 1h}. */
public final class TimeSpan {

    private static final Pattern SPAN = Pattern.compile("([0-9]{1,9})(ms|s|min|h)?");

    private TimeSpan() {
    }

    /** The span {@code text} says; an {@link IllegalArgumentException} saying what to write if it is none. */
    public static Duration parse(String text) {
        Matcher m = SPAN.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time such as 10s, 500ms or 2min");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code span} as {@link #parse} reads it back: in the largest unit that holds it whole. */
    public static String format(Duration span) {
        long ms = span.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "min";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
