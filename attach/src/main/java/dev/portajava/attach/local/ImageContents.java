package dev.portajava.attach.local;

import dev.portajava.attach.ImageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What attach needs from an image and its extensions: the image's os-release, each extension's extension-release,
 * and the unit files matching the requested prefixes.
 *
 * @param osReleaseText the image's os-release, as it holds it
 * @param extensionReleases each extension's host path to its extension-release, as it holds it, in order
 * @param units unit file name to its content and the image it comes from: the base image's units first, then each
 *     extension's, a unit of a name already taken ignored, as portabled takes them
 * @param matches the prefixes the units were selected by: those asked for, or, when none were, those implied
 *     ({@link dev.portajava.name.Prefix#implied}), which portabled is then given too
 */
public record ImageContents(ImageStack stack, String osReleaseText, Map<String, String> extensionReleases,
        SortedMap<String, UnitSource> units, List<String> matches) {

    public ImageContents {
        matches = List.copyOf(matches);
        extensionReleases = Collections.unmodifiableMap(new LinkedHashMap<>(extensionReleases));
        units = Collections.unmodifiableSortedMap(new TreeMap<>(units));
    }

    /** The base image. */
    public PortableImage image() {
        return stack.base();
    }

    /** The image's os-release fields, in file order. */
    public Map<String, String> osRelease() {
        return ImageMetadata.parseOsRelease(osReleaseText);
    }

    /**
     * A unit file of the image or one of its extensions.
     *
     * @param source the unit file's path inside its image, its directory's symlinks resolved
     * @param origin the image it comes from
     */
    public record UnitSource(byte[] content, String source, PortableImage origin) {
        public UnitSource {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public ImageMetadata metadata() {
        TreeMap<String, String> texts = new TreeMap<>();
        for (Map.Entry<String, UnitSource> unit : units.entrySet()) {
            texts.put(unit.getKey(), new String(unit.getValue().content, StandardCharsets.UTF_8));
        }
        return ImageMetadata.of(image().hostPath(), osReleaseText, extensionReleases, texts);
    }
}
