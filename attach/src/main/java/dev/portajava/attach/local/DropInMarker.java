package dev.portajava.attach.local;

import dev.portajava.name.ImageFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first line of {@code 20-portable.conf}: {@code # Drop-in created for image '<path>', do not edit.}, the path
 * followed by {@code :<path>} for each extension image. Detach finds what an image attached by it. Each path is
 * escaped as systemd's {@code xescape(path, ":")} does, so that the colons between them stay separators.
 */
public record DropInMarker(String imagePath, List<String> extensionPaths) {

    public DropInMarker {
        extensionPaths = List.copyOf(extensionPaths);
    }

    /** The marker of an image without extensions. */
    public DropInMarker(String imagePath) {
        this(imagePath, List.of());
    }

    static final String BEGIN = "# Drop-in created for image '";
    static final String END = "', do not edit.";

    /** The marker line, without its newline. */
    public String line() {
        StringBuilder line = new StringBuilder(BEGIN).append(escape(imagePath));
        for (String path : extensionPaths) {
            line.append(':').append(escape(path));
        }
        return line.append(END).toString();
    }

    /** The marker in the first line of a drop-in, if it has one. */
    public static Optional<DropInMarker> parse(String dropIn) {
        int newline = dropIn.indexOf('\n');
        String first = newline < 0 ? dropIn : dropIn.substring(0, newline);
        if (!first.startsWith(BEGIN) || !first.endsWith(END) || first.length() < BEGIN.length() + END.length()) {
            return Optional.empty();
        }
        String escaped = first.substring(BEGIN.length(), first.length() - END.length());
        List<String> paths = new ArrayList<>();
        for (String path : escaped.split(":", -1)) {
            paths.add(unescape(path));
        }
        return Optional.of(new DropInMarker(paths.get(0), paths.subList(1, paths.size())));
    }

    /** The image, then its extensions: every path the marker names. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(List.of(imagePath));
        paths.addAll(extensionPaths);
        return paths;
    }

    /**
     * True if this marker is for an image of the same name as {@code image} with extensions of the same names as
     * {@code extensions}, in order, as portabled matches a detach: the marker may name more extensions than given.
     */
    public boolean matches(String image, List<String> extensions) {
        if (!matches(image) || extensions.size() > extensionPaths.size()) {
            return false;
        }
        for (int i = 0; i < extensions.size(); i++) {
            if (!sameName(extensionPaths.get(i), extensions.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if this marker is for an image of the same name as {@code image} (a path or a bare image name). */
    public boolean matches(String image) {
        return sameName(imagePath, image);
    }

    private static boolean sameName(String path, String image) {
        try {
            return ImageFile.of(Path.of(path)).name().equals(ImageFile.of(Path.of(image)).name());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '\\' || c == ':' || c < ' ' || c >= 127) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x') {
                try {
                    out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
