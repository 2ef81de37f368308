package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A multi-release jar's entries as one Java release reads them: of {@code NAME} and its versions
 * ({@code META-INF/versions/N/NAME}), the version of the highest {@code N} that is at most the release is
 * {@code NAME}, and the others are not the release's. A versioned {@code module-info.class} is never one: the
 * package's jars are not modules.
 */
final class VersionedEntries {

    private final Map<String, Integer> versions;

    private VersionedEntries(Map<String, Integer> versions) {
        this.versions = versions;
    }

    /** The entries of {@code jar} as Java {@code release} reads them. */
    static VersionedEntries of(Path jar, int release) throws IOException {
        Map<String, Integer> versions = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Optional<Versioned> versioned = Versioned.parse(entry.getName());
                if (versioned.isPresent() && !entry.isDirectory() && versioned.get().version() <= release
                        && !versioned.get().name().endsWith("module-info.class")) {
                    versions.merge(versioned.get().name(), versioned.get().version(), Math::max);
                }
            }
        }
        return new VersionedEntries(versions);
    }

    /** The name the entry {@code name} has for the release; empty if the release does not read it. */
    Optional<String> nameInRelease(String name) {
        Optional<Versioned> versioned = Versioned.parse(name);
        if (versioned.isEmpty()) {
            return versions.containsKey(name) ? Optional.empty() : Optional.of(name);
        }
        Integer chosen = versions.get(versioned.get().name());
        return chosen != null && chosen == versioned.get().version()
                ? Optional.of(versioned.get().name()) : Optional.empty();
    }

    /** {@code META-INF/versions/VERSION/NAME}. */
    private record Versioned(int version, String name) {

        private static final String PREFIX = "META-INF/versions/";

        static Optional<Versioned> parse(String entry) {
            if (!entry.startsWith(PREFIX)) {
                return Optional.empty();
            }
            int slash = entry.indexOf('/', PREFIX.length());
            String digits = slash < 0 ? "" : entry.substring(PREFIX.length(), slash);
            if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || slash == entry.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new Versioned(Integer.parseInt(digits), entry.substring(slash + 1)));
        }
    }
}
