package dev.portajava.feed;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code SHA256SUMS} file as {@code sha256sum} writes it and systemd's importers read it: one line per file, the
 * SHA-256 in lower-case hex, two spaces (or a space and {@code *}), the file name. Lines are kept sorted by name, so
 * that the same files give the same bytes.
 */
public record Sha256Sums(Map<String, String> digests) {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *]([^/\\s][^/]*)");

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
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a SHA256SUMS line: '" + line + "'");
            }
            digests.put(matcher.group(2), matcher.group(1));
        }
        return new Sha256Sums(digests);
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
