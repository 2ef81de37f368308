package dev.portajava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directory images for the command-line tests. */
final class TestImages {

    private TestImages() {
    }

    /** The directory image {@code dir/NAME} with {@code osRelease} and a unit file per name in {@code units}. */
    static Path directory(Path dir, String name, String osRelease, String... units) throws IOException {
        Path image = dir.resolve(name);
        Files.createDirectories(image.resolve("usr/lib/systemd/system"));
        Files.writeString(image.resolve("usr/lib/os-release"), osRelease);
        for (String unit : units) {
            Files.writeString(image.resolve("usr/lib/systemd/system/" + unit), "[Service]\nExecStart=/bin/true\n");
        }
        return image;
    }

    /** The directory extension image {@code dir/NAME} with its extension-release and a unit file per name. */
    static Path extension(Path dir, String name, String release, String... units) throws IOException {
        Path image = dir.resolve(name);
        Files.createDirectories(image.resolve("usr/lib/extension-release.d"));
        Files.createDirectories(image.resolve("usr/lib/systemd/system"));
        Files.writeString(image.resolve("usr/lib/extension-release.d/extension-release." + name), release);
        for (String unit : units) {
            Files.writeString(image.resolve("usr/lib/systemd/system/" + unit), "[Service]\nExecStart=/bin/true\n");
        }
        return image;
    }

    static Path hello(Path dir, String name) throws IOException {
        return directory(dir, name, "ID=hello\nPORTABLE_PRETTY_NAME=Hello\nPORTABLE_PREFIXES=hello\n", "hello.service");
    }
}
