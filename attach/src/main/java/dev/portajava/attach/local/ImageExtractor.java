package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an image's os-release and unit files as portabled does, and refuses what portabled refuses: no os-release,
 * no {@code ID=}, matches outside {@code PORTABLE_PREFIXES=}, no matching unit.
 */
public final class ImageExtractor {

    private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");

    private ImageExtractor() {
    }

    /** Everything attach needs, checked; nothing on the host is touched. */
    public static ImageContents extract(PortableImage image, List<String> matches) throws AttachException {
        ImageContents contents = read(image, matches);
        String id = contents.osRelease().getOrDefault("ID", "");
        if (id.isEmpty()) {
            throw new InvalidImageException("Image " + image.hostPath() + " os-release metadata lacks the ID field");
        }
        String prefixes = contents.osRelease().get("PORTABLE_PREFIXES");
        if (prefixes != null) {
            List<String> valid = new ArrayList<>(List.of(prefixes.strip().split("\\s+")));
            valid.removeIf(String::isEmpty);
            valid.sort(null);
            if (!valid.containsAll(matches)) {
                throw new InvalidImageException("Selected matches '" + String.join("', '", matches)
                        + "' are not compatible with portable service image '" + image.hostPath()
                        + "', refusing. (Acceptable prefix matches are: " + String.join(", ", valid) + ")");
            }
        }
        return contents;
    }

    /** The os-release and matching units, refusing an image without os-release or without matching units. */
    public static ImageContents read(PortableImage image, List<String> matches) throws AttachException {
        List<Prefix> prefixes = new ArrayList<>();
        for (String match : matches) {
            try {
                prefixes.add(new Prefix(match));
            } catch (IllegalArgumentException e) {
                throw new InvalidImageException(e.getMessage());
            }
        }
        try (ImageReader reader = ImageReaders.open(image.onDisk())) {
            Optional<byte[]> osRelease = Optional.empty();
            for (String path : OS_RELEASE) {
                osRelease = reader.read(path);
                if (osRelease.isPresent()) {
                    break;
                }
            }
            if (osRelease.isEmpty()) {
                throw new InvalidImageException("Image '" + image.hostPath() + "' lacks os-release data, refusing.");
            }
            TreeMap<String, ImageContents.UnitSource> units = new TreeMap<>();
            for (String directory : HostTree.UNIT_PATH) {
                Optional<String> resolved = reader.resolve(directory);
                if (resolved.isEmpty()) {
                    continue;
                }
                for (ImageReader.ImageEntry entry : reader.list(resolved.get())) {
                    if (units.containsKey(entry.name()) || !matches(entry.name(), prefixes)
                            || (entry.kind() != ImageReader.Kind.FILE && entry.kind() != ImageReader.Kind.SYMLINK)) {
                        continue;
                    }
                    String source = resolved.get() + "/" + entry.name();
                    Optional<byte[]> content = reader.read(source);
                    content.ifPresent(bytes -> units.put(entry.name(), new ImageContents.UnitSource(bytes, source)));
                }
            }
            if (units.isEmpty()) {
                throw new InvalidImageException("Couldn't find any matching unit files in image '" + image.hostPath()
                        + "', refusing.");
            }
            return new ImageContents(image,
                    ImageMetadata.parseOsRelease(new String(osRelease.get(), StandardCharsets.UTF_8)), units);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read image " + image.onDisk() + ": " + e.getMessage(), e);
        }
    }

    private static boolean matches(String name, List<Prefix> prefixes) {
        try {
            UnitName.parse(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (prefixes.isEmpty()) {
            return true;
        }
        for (Prefix prefix : prefixes) {
            if (name.startsWith(prefix.value()) && (name.length() == prefix.value().length() || prefix.matches(name))) {
                return true;
            }
        }
        return false;
    }
}
