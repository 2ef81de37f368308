package dev.portajava.builder.internal;

import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The directories of an image that portabled takes unit files from, and the unit files in them. */
final class UnitDirectories {

    /** Where portabled looks for units in an image. */
    static final List<ImagePath> ALL = List.of(
            ImagePath.of("/etc/systemd/system"),
            ImagePath.of("/usr/local/lib/systemd/system"),
            ImagePath.of("/usr/lib/systemd/system"),
            ImagePath.of("/lib/systemd/system"));

    /** Where the builder installs the units the spec lists. */
    static final ImagePath INSTALL = ImagePath.of("/usr/lib/systemd/system");

    private UnitDirectories() {
    }

    /** The parsed unit file at {@code path}, followed inside the image; empty if it does not resolve to a file. */
    static Optional<UnitFile> read(StagingTree tree, ImagePath path) throws IOException {
        Optional<Path> file = tree.resolve(path.toString());
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(UnitFile.parse(Files.readString(file.get())));
    }

    /**
     * Every file or symlink directly in one of the unit directories (drop-in and .wants directories skipped). A
     * directory is looked up inside the image, as portabled will: a symlink such as {@code /lib -> /usr/lib} is
     * followed in the image, never on the build host.
     */
    static List<ImagePath> unitFiles(StagingTree tree) throws IOException {
        List<ImagePath> units = new ArrayList<>();
        for (ImagePath dir : ALL) {
            Optional<Path> resolved = tree.resolve(dir.toString());
            if (resolved.isEmpty() || !Files.isDirectory(resolved.get(), LinkOption.NOFOLLOW_LINKS)) {
                continue; // absent from the image
            }
            Path hostDir = resolved.get();
            try (Stream<Path> entries = Files.list(hostDir)) {
                for (Path entry : entries.sorted().toList()) {
                    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        units.add(dir.resolve(FileNames.name(entry)));
                    }
                }
            }
        }
        return units;
    }
}
