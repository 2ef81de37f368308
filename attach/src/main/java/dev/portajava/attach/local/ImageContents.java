package dev.portajava.attach.local;

import dev.portajava.attach.ImageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What attach needs from an image: its os-release and the unit files matching the requested prefixes.
 *
 * @param osRelease the os-release fields, in file order
 * @param units unit file name to its content and where it is in the image
 */
public record ImageContents(PortableImage image, Map<String, String> osRelease, SortedMap<String, UnitSource> units) {

    public ImageContents {
        osRelease = Collections.unmodifiableMap(new LinkedHashMap<>(osRelease));
        units = Collections.unmodifiableSortedMap(new TreeMap<>(units));
    }

    /**
     * A unit file of the image.
     *
     * @param source the unit file's path inside the image, its directory's symlinks resolved
     */
    public record UnitSource(byte[] content, String source) {
        public UnitSource {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public ImageMetadata metadata() {
        Map<String, String> texts = new TreeMap<>();
        units.forEach((name, unit) -> texts.put(name, new String(unit.content, StandardCharsets.UTF_8)));
        return new ImageMetadata(image.hostPath(), osRelease, new TreeMap<>(texts));
    }
}
