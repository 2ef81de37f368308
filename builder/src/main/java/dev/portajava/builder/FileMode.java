package dev.portajava.builder;

import java.util.regex.Pattern;

/**
 * Permission bits of a file in the image (0 to 0777), written in the spec as an octal string such as "0755".
 * setuid, setgid and sticky bits are not supported: a portable service has no use for them.
 */
public record FileMode(int bits) {

    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}|[0-7]{4}");

    public FileMode {
        if (bits < 0 || bits > 0777) {
            throw new IllegalArgumentException("mode " + String.format("%04o", bits)
                    + " is not supported (0000 to 0777; no setuid, setgid or sticky bits)");
        }
    }

    /**
     * Parses "0755" or "755". The message of a refusal says what is wrong with the text, to follow the place
     * it was written: {@code is not an octal mode such as "0755"}.
     */
    public static FileMode parse(String octal) {
        if (octal == null || !OCTAL.matcher(octal).matches()) {
            throw new IllegalArgumentException("is not an octal mode such as \"0755\"");
        }
        int bits = Integer.parseInt(octal, 8);
        if (bits > 0777) {
            throw new IllegalArgumentException("has setuid, setgid or sticky bits, which are not supported"
                    + " (a mode is 0000 to 0777)");
        }
        return new FileMode(bits);
    }

    @Override
    public String toString() {
        return String.format("%04o", bits);
    }
}
