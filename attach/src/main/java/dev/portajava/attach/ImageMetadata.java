package dev.portajava.attach;

import dev.portajava.OsRelease;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an image offers: its os-release fields (in file order) and the unit files matching the requested prefixes.
 *
 * @param units unit file name to its content
 */
public record ImageMetadata(String path, Map<String, String> osRelease, SortedMap<String, String> units) {

    public ImageMetadata {
        osRelease = Collections.unmodifiableMap(new LinkedHashMap<>(osRelease));
        units = new TreeMap<>(units);
    }

    /** Parses an os-release file: {@code KEY=value} lines, values optionally quoted, in file order. */
    public static Map<String, String> parseOsRelease(String text) {
        return OsRelease.parse(text);
    }
}
