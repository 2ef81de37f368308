package dev.portajava.feed;

import dev.portajava.digest.Sha256;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code SHA256SUMS} file as {@code sha256sum} writes it and systemd's importers read it: one line per file, the
 * SHA-256 in lower-case hex, two spaces (or a space and {@code *}), the file name. Lines are kept sorted by name, so
 * that the same files give the same bytes.
 */
public record Sha256Sums(Map<String, String> digests) {

    /** Where a line's file name starts: after the digest, a space, and a space or {@code *}. */
    private static final int NAME = Sha256.HEX_DIGITS + 2;
    /** The characters a file name may not start with: those {@code \s} stands for in a pattern. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";

    public Sha256Sums {
        digests = Collections.unmodifiableMap(new TreeMap<>(digests));
    }

    public static Sha256Sums empty() {
        return new Sha256Sums(Map.of());
    }

    /** Parses {@code text}; a line that is not a digest and a plain file name is refused. */
    public static Sha256Sums parse(String text) {
        Map<String, String> digests = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String digest = line.substring(0, Math.min(line.length(), Sha256.HEX_DIGITS));
            String separator = line.substring(digest.length(), Math.min(line.length(), NAME));
            String name = line.substring(digest.length() + separator.length());
            if (!Sha256.isHex(digest) || !(separator.equals("  ") || separator.equals(" *")) || !isPlainName(name)) {
                throw new IllegalArgumentException("not a SHA256SUMS line: '" + line + "'");
            }
            digests.put(name, digest);
        }
        return new Sha256Sums(digests);
    }

    /** A file name of the feed's directory: not empty, no {@code /}, and not starting with white space. */
    private static boolean isPlainName(String name) {
        return !name.isEmpty() && WHITESPACE.indexOf(name.charAt(0)) < 0 && name.indexOf('/') < 0;
    }

    public Optional<String> digest(String fileName) {
        return Optional.ofNullable(digests.get(fileName));
    }

    /** The same sums, with {@code fileName}'s set to {@code digest}. */
    public Sha256Sums with(String fileName, String digest) {
        Map<String, String> copy = new TreeMap<>(digests);
        copy.put(fileName, digest);
        return new Sha256Sums(copy);
    }

    /** The same sums, without {@code fileName}'s. */
    public Sha256Sums without(String fileName) {
        Map<String, String> copy = new TreeMap<>(digests);
        copy.remove(fileName);
        return new Sha256Sums(copy);
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        digests.forEach((name, digest) -> text.append(digest).append("  ").append(name).append('\n'));
        return text.toString();
    }
}
