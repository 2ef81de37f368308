package dev.portajava.builder;

import dev.portajava.name.ImageName;
import dev.portajava.name.UnitName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An image {@link ImageBuilder} wrote.
 *
 * @param bytes the size of a raw image file; empty for a directory image
 * @param sha256 the SHA-256 of a raw image file, in hex; empty for a directory image
 * @param rootHash the dm-verity root hash, in hex, of a ddi image or of a squashfs with verity sidecars
 * @param sidecars the files written next to the image ({@code NAME.verity}, {@code NAME.roothash}…)
 */
public record BuiltImage(Path path, ImageFormat format, ImageName name, List<UnitName> units, OptionalLong bytes,
        Optional<String> sha256, Optional<String> rootHash, List<Path> sidecars) {

    public BuiltImage {
        units = List.copyOf(units);
        sidecars = List.copyOf(sidecars);
    }
}
