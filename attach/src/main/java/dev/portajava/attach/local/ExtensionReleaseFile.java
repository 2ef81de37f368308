package dev.portajava.attach.local;

import dev.portajava.attach.InvalidImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The extension-release file of an extension image whose file was renamed: portabled, finding no
 * {@code extension-release.NAME} for the image's name, takes the one regular {@code extension-release.OTHER} file
 * that its author marked as fit for another name (the {@code user.extension-release.strict} xattr set to false), or
 * with {@code --force} the one of any name. Two candidates are as good as none.
 */
final class ExtensionReleaseFile {

    static final String DIRECTORY = "/usr/lib/extension-release.d";
    static final String STRICT = "user.extension-release.strict";
    private static final String PREFIX = "extension-release.";

    private ExtensionReleaseFile() {
    }

    /** The release file of another name that stands for {@code image}'s; empty if none or more than one do. */
    static Optional<byte[]> renamed(ImageReader reader, CheckedFiles files, PortableImage image, boolean force)
            throws IOException, InvalidImageException {
        Optional<String> directory = reader.resolve(DIRECTORY);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (ImageReader.ImageEntry entry : reader.list(directory.get())) {
            if (entry.kind() != ImageReader.Kind.FILE || !entry.name().startsWith(PREFIX)
                    || !validName(entry.name().substring(PREFIX.length()))) {
                continue;
            }
            String path = directory.get() + "/" + entry.name();
            if (!force && !relaxed(reader.xattr(path, STRICT))) {
                continue;
            }
            if (found.isPresent()) {
                return Optional.empty();
            }
            found = Optional.of(path);
        }
        return found.isEmpty() ? Optional.empty() : files.read(found.get());
    }

    /** True if the xattr says false, as systemd parses a boolean. */
    private static boolean relaxed(Optional<byte[]> value) {
        if (value.isEmpty()) {
            return false;
        }
        String text = new String(value.get(), StandardCharsets.UTF_8).strip();
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "0", "no", "n", "false", "f", "off" -> true;
            default -> false;
        };
    }

    /** As systemd's image names: a file name, no control characters, not a hidden temporary ({@code .#…}). */
    private static boolean validName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.startsWith(".#")
                && name.getBytes(StandardCharsets.UTF_8).length <= 255 && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
