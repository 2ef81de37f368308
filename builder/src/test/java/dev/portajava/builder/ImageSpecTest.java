package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.name.Prefix;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSpecTest {

    @TempDir
    Path dir;

    private static final String IMAGE = """
            [image]
            name = "hello"
            version = "1.0"
            units = ["hello.service"]
            """;

    @Test
    void load_whenSpecIsValid_bindsEveryTable() throws Exception {
        Path file = SpecFixture.write(dir.resolve("portable.toml"), """
                [image]
                name = "hello"
                version = "1.0"
                pretty-name = "Hello there"
                prefixes = ["hello", "hello-extra"]
                units = ["hello.service"]

                [os-release]
                NAME = "Hello"

                [[copy]]
                from = "root"

                [[file]]
                from = "/bin/busybox"
                to = "/usr/bin/busybox"
                mode = "0755"

                [[file]]
                content = "x"
                to = "/etc/x"
                mode = "0600"

                [[symlink]]
                path = "/usr/bin/sh"
                target = "busybox"

                [[directory]]
                path = "/srv/www"
                mode = "0750"
                """);

        ImageSpec spec = ImageSpec.load(file);

        assertEquals(new ImageSpec.Image("hello", "1.0", "Hello there", List.of("hello", "hello-extra"),
                List.of("hello.service")), spec.image());
        assertEquals(Map.of("NAME", "Hello"), spec.osRelease());
        assertEquals(List.of(new ImageSpec.CopyTree("root", "/")), spec.copy());
        assertEquals(List.of(new ImageSpec.FileEntry("/bin/busybox", null, "/usr/bin/busybox", new FileMode(0755)),
                new ImageSpec.FileEntry(null, "x", "/etc/x", new FileMode(0600))), spec.file());
        assertEquals(List.of(new ImageSpec.SymlinkEntry("/usr/bin/sh", "busybox")), spec.symlink());
        assertEquals(List.of(new ImageSpec.DirectoryEntry("/srv/www", new FileMode(0750))), spec.directory());
        assertEquals(List.of(new Prefix("hello"), new Prefix("hello-extra")), spec.image().unitPrefixes());
    }

    @Test
    void load_whenGivenTheDirectory_readsItsPortableToml() throws Exception {
        SpecFixture.write(dir.resolve("portable.toml"), IMAGE);

        assertEquals("hello", ImageSpec.load(dir).image().name());
    }

    @Test
    void load_whenDirectoryHasNoSpec_namesTheMissingFile() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(dir));

        assertOneLine(e, dir.resolve("portable.toml"), "no portable.toml");
    }

    @Test
    void load_whenTopLevelKeyIsUnknown_namesTheKey() {
        Path file = SpecFixture.write(dir.resolve("a.toml"), IMAGE + "colour = \"blue\"\n");
        Path file2 = SpecFixture.write(dir.resolve("b.toml"), "colour = \"blue\"\n" + IMAGE);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));
        InvalidSpecException e2 = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file2));

        // after [image], a bare key belongs to that table
        assertOneLine(e, file, "unknown key [image] colour");
        assertOneLine(e2, file2, "unknown key colour");
    }

    @Test
    void load_whenTopLevelTableIsUnknown_namesItAndTheKnownKeys() {
        Path file = spec(IMAGE + "[services]\nx = 1\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "unknown table [services]");
        assertTrue(e.getMessage().contains("os-release"), e.getMessage());
    }

    @Test
    void load_whenImageKeyIsUnknown_namesTheKey() {
        Path file = spec(IMAGE.replace("units", "unit"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "unknown key [image] unit");
        assertTrue(e.getMessage().contains("units"), "suggests the known keys: " + e.getMessage());
    }

    @Test
    void load_whenFileKeyIsUnknown_namesTheEntry() {
        Path file = spec(IMAGE + """
                [[file]]
                content = "x"
                to = "/etc/a"

                [[file]]
                content = "x"
                to = "/etc/b"
                owner = "root"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "unknown key [[file]] #2 owner");
    }

    @Test
    void load_whenImageTableIsMissing_saysSo() {
        Path file = spec("""
                [os-release]
                NAME = "x"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "the [image] table is missing");
    }

    @Test
    void load_whenSpecIsEmpty_saysImageIsMissing() {
        Path file = spec("");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[image]");
    }

    @Test
    void load_whenNameIsMissing_saysSo() {
        Path file = spec(IMAGE.replace("name = \"hello\"\n", ""));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[image] name is missing");
    }

    @Test
    void load_whenVersionIsMissing_saysSo() {
        Path file = spec(IMAGE.replace("version = \"1.0\"\n", ""));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[image] version is missing");
    }

    @Test
    void load_whenNameIsInvalid_namesTheValue() {
        Path file = spec(IMAGE.replace("\"hello\"", "\"my app\""));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "'my app' is not a valid image name");
    }

    @Test
    void load_whenModeIsNotOctal_namesTheEntryAndValue() {
        Path file = spec(IMAGE + """
                [[file]]
                content = "x"
                to = "/etc/a"
                mode = "rwxr-xr-x"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[[file]] mode = \"rwxr-xr-x\" is not an octal mode such as \"0755\"");
    }

    @Test
    void load_whenModeHasSetuidBit_refusesIt() {
        Path file = spec(IMAGE + """
                [[directory]]
                path = "/srv"
                mode = "4755"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[[directory]] mode = \"4755\" has setuid, setgid or sticky bits");
    }

    @Test
    void load_whenValueIsNotToml_givesTheLine() {
        Path file = spec(IMAGE + "\n[os-release]\nNAME = ?\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "line 7, column 8: not valid TOML");
    }

    @Test
    void load_whenTableHeaderIsUnclosed_saysNotValidToml() {
        Path file = spec(IMAGE + "\n[[file]\ncontent = \"x\"\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "not valid TOML");
    }

    @Test
    void load_whenStringIsUnterminated_saysNotValidToml() {
        Path file = spec("[image]\nname = \"hello\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "not valid TOML");
    }

    @Test
    void load_whenOsReleaseSetsPortablePrefixes_saysItComesFromImage() {
        Path file = spec(IMAGE + """
                [os-release]
                PORTABLE_PREFIXES = "other"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[os-release] may not set PORTABLE_PREFIXES");
    }

    @Test
    void load_whenOsReleaseKeyIsLowercase_refusesIt() {
        Path file = spec(IMAGE + "[os-release]\nname = \"x\"\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "'name' is not an os-release field name");
    }

    @Test
    void load_whenFileHasBothFromAndContent_refusesIt() {
        Path file = spec(IMAGE + """
                [[file]]
                from = "a"
                content = "x"
                to = "/etc/a"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "exactly one of 'from' and 'content'");
    }

    @Test
    void load_whenImagePathClimbsAboveRoot_refusesIt() {
        Path file = spec(IMAGE + """
                [[symlink]]
                path = "/../etc/x"
                target = "y"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "escapes the image root");
    }

    @Test
    void load_whenASymlinkTargetIsLongerThanASymlinkHolds_refusesItInOneLine() {
        Path file = spec(IMAGE + "[[symlink]]\npath = \"/srv/l\"\ntarget = \"" + "a".repeat(4096) + "\"\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[[symlink]] target is 4096 bytes long, more than the 4095 a symlink holds");
    }

    @Test
    void load_whenUnitsIsAString_saysWrongValue() {
        Path file = spec(IMAGE.replace("[\"hello.service\"]", "\"hello.service\""));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        assertOneLine(e, file, "[image] units = \"hello.service\" must be an array of strings");
    }

    private Path spec(String toml) {
        return SpecFixture.write(dir.resolve("portable.toml"), toml);
    }

    /** The message is one line, starts with the spec file and says {@code problem}. */
    static void assertOneLine(Exception e, Path file, String problem) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.startsWith(file + ": "), "names " + file + ": " + message);
        assertTrue(message.contains(problem), "says '" + problem + "': " + message);
    }
}
