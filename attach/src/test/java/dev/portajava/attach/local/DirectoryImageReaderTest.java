package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory image's names are bytes: listed, looked up and followed through symlinks exactly. */
class DirectoryImageReaderTest {

    @TempDir
    Path dir;

    private static String name(String hex) {
        return FileNames.decode(HexFormat.of().parseHex(hex));
    }

    @Test
    void list_andRead_nonUtf8Names_keepTheirBytes() throws Exception {
        Path image = Files.createDirectories(dir.resolve("image"));
        Path srv = Files.createDirectories(image.resolve("srv"));
        Files.writeString(FileNames.resolve(srv, name("61ff")), "ff");
        Files.writeString(FileNames.resolve(srv, name("61fe")), "fe");
        Path sub = Files.createDirectory(FileNames.resolve(srv, name("64fd")));
        Files.writeString(sub.resolve("x"), "x in d\\xfd");
        Files.createSymbolicLink(FileNames.resolve(srv, name("6cfc")), FileNames.path(name("64fd") + "/x"));
        // the unit directory is reached through a symlink to a name that is not UTF-8
        Path units = Files.createDirectories(FileNames.resolve(image, "usr/lib/" + name("75fb")));
        Files.writeString(units.resolve("app.service"), "[Service]\nExecStart=/bin/true\n");
        Files.createDirectories(image.resolve("usr/lib/systemd"));
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system"), FileNames.path("../" + name("75fb")));

        try (DirectoryImageReader reader = DirectoryImageReader.open(image)) {
            List<String> listed = reader.list("/srv").stream()
                    .map(e -> ControlCharacters.escapedUnambiguously(e.name()) + " " + e.kind()).toList();
            assertEquals(List.of("a\\xfe FILE", "a\\xff FILE", "d\\xfd DIRECTORY", "l\\xfc SYMLINK"), listed);
            assertEquals("fe", text(reader, "/srv/" + name("61fe")));
            assertEquals("ff", text(reader, "/srv/" + name("61ff")));
            assertEquals("x in d\\xfd", text(reader, "/srv/" + name("6cfc")));
            assertEquals(Optional.of("/usr/lib/" + name("75fb") + "/app.service"),
                    reader.resolve("/usr/lib/systemd/system/app.service"));
            assertEquals(List.of("app.service"),
                    reader.list(reader.resolve("/usr/lib/systemd/system").orElseThrow()).stream().map(ImageReader.ImageEntry::name).toList());
        }
    }

    /** The file at {@code path}, its symlinks resolved inside the image. */
    private static String text(ImageReader reader, String path) throws IOException {
        return new String(reader.read(reader.resolve(path).orElseThrow(), 1024), StandardCharsets.UTF_8);
    }
}
