package dev.portajava.builder;

/**
 * Permission bits of a file in the image (0 to 0777), written in the spec as an octal string such as "0755".
 * setuid, setgid and sticky bits are not supported: a portable service has no use for them.
 */
public record FileMode(int bits) {

    public FileMode {
        if (bits < 0 || bits > 0777) {
            throw new IllegalArgumentException("mode " + String.format("%04o", bits)
                    + " is not supported (0000 to 0777; no setuid, setgid or sticky bits)");
        }
    }

    /** Parses "0755" or "755". */
    public static FileMode parse(String octal) {
        if (octal == null || !octal.matches("0?[0-7]{3}|[0-7]{4}")) {
            throw new IllegalArgumentException("mode '" + octal + "' is not an octal mode such as \"0755\"");
        }
        return new FileMode(Integer.parseInt(octal, 8));
    }

    @Override
    public String toString() {
        return String.format("%04o", bits);
    }
}
