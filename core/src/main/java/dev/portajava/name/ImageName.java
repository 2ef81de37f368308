package dev.portajava.name;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The name of a portable image as portabled derives it from the image's file name: {@code .raw} stripped,
 * then cut at the first {@code _}, so {@code myapp_1.2.raw} is {@code myapp}. It is also the default prefix of
 * the image's units, and what detach and reattach match on.
 */
public record ImageName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:\\-]*");

    public ImageName {
        if (value == null || value.length() > 64 || !VALID.matcher(value).matches() || value.endsWith(".raw")) {
            throw new IllegalArgumentException("'" + value + "' is not a valid image name"
                    + " (letters, digits, '.', ':' and '-', starting with a letter or digit, at most 64 characters)");
        }
    }

    /** The image name portabled gives to the image at {@code path}. */
    public static ImageName ofPath(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("'" + path + "' has no file name");
        }
        String name = fileName.toString();
        if (name.endsWith(".raw")) {
            name = name.substring(0, name.length() - ".raw".length());
        }
        int underscore = name.indexOf('_');
        if (underscore >= 0) {
            name = name.substring(0, underscore);
        }
        return new ImageName(name);
    }

    /** The default unit prefix of this image. */
    public Prefix defaultPrefix() {
        return new Prefix(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
