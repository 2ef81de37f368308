package dev.portajava.attach.local;

import dev.portajava.OsRelease;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an image's os-release and unit files as portabled does, and refuses what portabled refuses: no os-release,
 * no {@code ID=}, matches outside {@code PORTABLE_PREFIXES=}, no matching unit. Every file it reads goes through
 * {@link CheckedFiles}, which refuses what would leak the host's files; both backends and {@code inspect} read
 * images here, so nothing is handed to portabled that portajava has not read and checked.
 */
public final class ImageExtractor {

    /** Where portabled finds os-release, in its order; both are checked, the first present is used. */
    private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");
    /** Where an image used as an extension keeps its release file, for the image's name; checked, not used. */
    private static final List<String> EXTENSION_RELEASE = List.of("/usr/lib/extension-release.d/extension-release.",
            "/etc/extension-release.d/extension-release.");
    /** A file name of any of systemd's unit types: portabled opens every matching one, whatever its type. */
    private static final Pattern UNIT_FILE = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?"
            + "\\.(service|socket|device|mount|automount|swap|target|path|timer|slice|scope)");

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
            CheckedFiles files = new CheckedFiles(reader, image.onDisk());
            Optional<byte[]> osRelease = Optional.empty();
            for (String path : OS_RELEASE) {
                Optional<byte[]> content = files.read(path);
                osRelease = osRelease.or(() -> content);
            }
            String name = image.fileName().replaceFirst("\\.raw$", "");
            for (String path : EXTENSION_RELEASE) {
                files.read(path + name);
            }
            if (osRelease.isEmpty()) {
                throw new InvalidImageException("Image '" + image.hostPath() + "' lacks os-release data, refusing.");
            }
            TreeMap<String, ImageContents.UnitSource> units = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            for (String directory : HostTree.UNIT_PATH) {
                Optional<String> resolved = reader.resolve(directory);
                if (resolved.isEmpty()) {
                    continue;
                }
                for (ImageReader.ImageEntry entry : reader.list(resolved.get())) {
                    if (!UNIT_FILE.matcher(entry.name()).matches() || !matches(entry.name(), prefixes)
                            || !seen.add(entry.name())) {
                        continue;
                    }
                    String source = resolved.get() + "/" + entry.name();
                    Optional<byte[]> content = files.read(source);
                    checkDropIns(reader, files, entry.name());
                    if (content.isPresent() && UnitType.ofFileName(entry.name()).isPresent()) {
                        units.put(entry.name(), new ImageContents.UnitSource(content.get(), source));
                    }
                }
            }
            if (units.isEmpty()) {
                throw new InvalidImageException("Couldn't find any matching unit files in image '" + image.hostPath()
                        + "', refusing.");
            }
            return new ImageContents(image,
                    OsRelease.parse(new String(osRelease.get(), StandardCharsets.UTF_8)), units);
        } catch (IOException e) {
            throw new InvalidImageException(image.onDisk() + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** The image's own drop-ins for {@code unit}, {@code UNIT.d/*.conf} in each unit directory, go through the check. */
    private static void checkDropIns(ImageReader reader, CheckedFiles files, String unit)
            throws IOException, InvalidImageException {
        for (String directory : HostTree.UNIT_PATH) {
            Optional<String> dropIns = reader.resolve(directory + "/" + unit + ".d");
            if (dropIns.isEmpty()) {
                continue;
            }
            for (ImageReader.ImageEntry entry : reader.list(dropIns.get())) {
                if (entry.name().endsWith(".conf")) {
                    files.read(dropIns.get() + "/" + entry.name());
                }
            }
        }
    }

    private static boolean matches(String name, List<Prefix> prefixes) {
        return prefixes.isEmpty() || prefixes.stream().anyMatch(prefix -> prefix.matches(name));
    }
}
