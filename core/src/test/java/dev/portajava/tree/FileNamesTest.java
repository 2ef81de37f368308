package dev.portajava.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.text.ControlCharacters;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamesTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void withoutTrailingSlashes_allOfThem_andTheRootBecomesEmpty() {
        assertEquals("/run/user/1000", FileNames.withoutTrailingSlashes("/run/user/1000//"));
        assertEquals("/run/user/1000", FileNames.withoutTrailingSlashes("/run/user/1000"));
        assertEquals("a//b", FileNames.withoutTrailingSlashes("a//b/"));
        assertEquals("", FileNames.withoutTrailingSlashes("///"));
        assertEquals("", FileNames.withoutTrailingSlashes(""));
    }

    @Test
    void withoutLeadingSlashes_allOfThem_andTheRootBecomesEmpty() {
        assertEquals("etc/os-release", FileNames.withoutLeadingSlashes("//etc/os-release"));
        assertEquals("a//b/", FileNames.withoutLeadingSlashes("/a//b/"));
        assertEquals("etc", FileNames.withoutLeadingSlashes("etc"));
        assertEquals("", FileNames.withoutLeadingSlashes("///"));
        assertEquals("", FileNames.withoutLeadingSlashes(""));
    }

    @Test
    void decode_strayBytes_becomeTheirEscapesAsPythonsSurrogateescape() {
        // each expected value is what Python's bytes.decode("utf-8", "surrogateescape") gives
        Map<String, String> python = Map.of(
                "61ff", "a\udcff",
                "61fe", "a\udcfe",
                "636166c3a9", "café",
                "c3", "\udcc3",
                "e282", "\udce2\udc82",
                "c080", "\udcc0\udc80",
                "eda080", "\udced\udca0\udc80",
                "f48fbfbf", "\udbff\udfff",
                "f4908080", "\udcf4\udc90\udc80\udc80",
                "f09f9880ff", "\ud83d\ude00\udcff");
        python.forEach((hex, text) -> assertEquals(text, FileNames.decode(bytes(hex)), hex));
    }

    @Test
    void encode_decodedBytes_givesTheSameBytesBack() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] name = {(byte) a, (byte) b};
                assertArrayEquals(name, FileNames.encode(FileNames.decode(name)));
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] name = new byte[1 + random.nextInt(12)];
            random.nextBytes(name);
            assertArrayEquals(name, FileNames.encode(FileNames.decode(name)), HexFormat.of().formatHex(name));
        }
    }

    @Test
    void decode_distinctNames_neverGiveOneText() {
        TreeSet<String> texts = new TreeSet<>();
        for (int b = 0; b < 256; b++) {
            if (b != '/' && b != 0) {
                texts.add(FileNames.decode(new byte[] {'a', (byte) b}));
            }
        }
        assertEquals(254, texts.size());
    }

    @Test
    void encode_textThatIsNoName_isRefused() {
        // escapes spelling "é" would name the file "é" names
        assertThrows(IllegalArgumentException.class, () -> FileNames.encode("caf\udcc3\udca9"));
        // a lone surrogate that no byte escapes to
        assertThrows(IllegalArgumentException.class, () -> FileNames.encode("a\ud800"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.encode("a\udc41"));
        assertArrayEquals("café".getBytes(StandardCharsets.UTF_8), FileNames.encode("café"));
        assertArrayEquals("\ud83d\udc80".getBytes(StandardCharsets.UTF_8), FileNames.encode("\ud83d\udc80"));
    }

    @Test
    void decodedName_escaped_showsStrayBytesAndControlsAsTheirBytesAndDoublesBackslashes() {
        String name = FileNames.decode(bytes("61ff2f636166c3a92f0a1b7f2fc2852f625c786666"));

        assertEquals("a\\xff/caf\u00e9/\\x0a\\x1b\\x7f/\\xc2\\x85/b\\\\xff", ControlCharacters.escapedUnambiguously(name));
    }

    @Test
    void hostNames_listedAndMade_keepTheirBytes() throws IOException {
        List<String> hex = List.of("61ff", "61fe", "636166c3a9", "78efbfbd", "64fd");
        for (String h : hex) {
            // made by the JDK from a URI, independently of FileNames
            Files.createFile(Path.of(URI.create(dir.toUri() + percent(bytes(h)))));
        }
        List<String> listed = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                listed.add(HexFormat.of().formatHex(FileNames.encode(FileNames.name(child))));
                assertEquals(FileNames.name(child), FileNames.text(dir.relativize(child)));
                assertArrayEquals(FileNames.encode(FileNames.text(child)), FileNames.bytes(child));
            }
        }
        assertEquals(new TreeSet<>(hex), new TreeSet<>(listed));
        for (String h : hex) {
            String name = FileNames.decode(bytes(h));
            Path made = FileNames.resolve(dir, name);
            assertTrue(Files.exists(made, LinkOption.NOFOLLOW_LINKS), h);
            assertEquals(made, FileNames.resolve(dir, "/" + name + "/"));
            assertEquals(name, FileNames.relative(dir, made));
            assertEquals(made, dir.resolve(FileNames.path(name)));
        }
    }

    @Test
    void path_ofText_keepsRelativeAndAbsoluteForms() throws IOException {
        Path target = FileNames.path("../d\udcfd/a\udcff");
        assertEquals("../d\udcfd/a\udcff", FileNames.text(target));
        assertTrue(!target.isAbsolute());
        Path absolute = FileNames.path("/srv/caf\u00e9/a\udcff");
        assertTrue(absolute.isAbsolute());
        assertArrayEquals(bytes("2f7372762f636166c3a92f61ff"), FileNames.bytes(absolute));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertEquals("../d\udcfd/a\udcff", FileNames.text(Files.readSymbolicLink(link)));
        assertThrows(IllegalArgumentException.class, () -> FileNames.path("a\0b"));
    }

    private static String percent(byte[] name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name) {
            b.append(String.format("%%%02X", x & 0xff));
        }
        return b.toString();
    }
}
