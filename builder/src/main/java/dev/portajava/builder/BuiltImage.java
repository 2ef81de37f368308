package dev.portajava.builder;

import dev.portajava.name.ImageName;
import dev.portajava.name.UnitName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An image {@link ImageBuilder} wrote.
 *
 * @param sha256 the SHA-256 of a raw image file, in hex; empty for a directory image
 */
public record BuiltImage(Path path, ImageFormat format, ImageName name, List<UnitName> units, Optional<String> sha256) {

    public BuiltImage {
        units = List.copyOf(units);
    }
}
