package dev.portajava.text;

import java.util.Locale;

/** A number of bytes as people read it in messages: {@code 512 B}, {@code 1.2 MB} (powers of 1000, as du -h --si). */
public final class ByteCount {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    private ByteCount() {
    }

    public static String of(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
