package dev.portajava.attach;

import dev.portajava.OsRelease;
import dev.portajava.health.HealthCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an image offers: its os-release, the extension-release of each extension image layered on it, and the unit
 * files matching the requested prefixes.
 *
 * @param osRelease the os-release fields, in file order
 * @param osReleaseText the os-release file as the image holds it, comments and quotes included
 * @param extensionReleases each extension image's path to its extension-release file as the image holds it, in the
 *     order the extensions were given
 * @param units unit file name to its content
 */
public record ImageMetadata(String path, Map<String, String> osRelease, String osReleaseText,
        Map<String, String> extensionReleases, SortedMap<String, String> units) {

    public ImageMetadata {
        osRelease = Collections.unmodifiableMap(new LinkedHashMap<>(osRelease));
        extensionReleases = Collections.unmodifiableMap(new LinkedHashMap<>(extensionReleases));
        units = new TreeMap<>(units);
    }

    /** The metadata of an image without extensions, its os-release fields parsed from {@code osReleaseText}. */
    public static ImageMetadata of(String path, String osReleaseText, Map<String, String> extensionReleases,
            SortedMap<String, String> units) {
        return new ImageMetadata(path, parseOsRelease(osReleaseText), osReleaseText, extensionReleases, units);
    }

    /** The health check the image keeps in its os-release, if any; fields that make none are a bad image. */
    public Optional<HealthCheck> healthCheck() throws InvalidImageException {
        try {
            return HealthCheck.fromOsRelease(osRelease);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(path + ": the health check in its os-release is wrong: " + e.getMessage());
        }
    }

    /**
     * The fields of the os-release, then of each extension's extension-release, in order: what
     * {@code PORTABLE_PREFIXES=} is read from ({@link dev.portajava.name.Prefix#declaredIn}).
     */
    public List<Map<String, String>> releases() {
        return releases(osReleaseText, extensionReleases.values());
    }

    /** The same, of an os-release and extension-release files as the images hold them. */
    public static List<Map<String, String>> releases(String osReleaseText, Collection<String> extensionReleases) {
        List<Map<String, String>> releases = new ArrayList<>(List.of(parseOsRelease(osReleaseText)));
        for (String text : extensionReleases) {
            releases.add(parseOsRelease(text));
        }
        return releases;
    }

    /** Parses an os-release file: {@code KEY=value} lines, values optionally quoted, in file order. */
    public static Map<String, String> parseOsRelease(String text) {
        return OsRelease.parse(text);
    }
}
