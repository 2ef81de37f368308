package dev.portajava.oci;

import static dev.portajava.oci.RawTar.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer entry names and link targets are bytes: names that are not UTF-8, in ustar headers, PAX records and GNU
 * long names, are applied exactly, whiteouts and hard links included, and read back the same from the cache.
 */
class FileNameLayerTest {

    @TempDir
    Path sandbox;

    private CacheDirectory cache;

    @BeforeEach
    void setUp() {
        cache = new CacheDirectory(sandbox.resolve("cache"));
    }

    /** 120 bytes of a name that is not UTF-8, too long for a ustar name field. */
    private static final String LONG = "6ef6" + "78".repeat(118);

    @Test
    void assemble_nonUtf8Names_areAppliedByteForByte() throws Exception {
        Layer base = Tars.layer(cache, new RawTar()
                .dir(bytes("64fd/"))
                .file(bytes("64fd/61ff"), "ff")
                .file(bytes("64fd/61fe"), "fe")
                .file(bytes("636166c3a9"), "café")
                .file(bytes("676f6e65fc"), "gone")
                .symlink(bytes("6cfb"), bytes("64fd/61ff"))
                .pax(bytes("70f9f8/"), null).dir(bytes("706c616365686f6c646572/"))
                .pax(bytes("70f9f8/71f7"), null).file(bytes("706c616365686f6c646572"), "q")
                .longName(bytes(LONG)).file(bytes("73686f7274"), "long")
                .bytes());
        Layer upper = Tars.layer(cache, new RawTar()
                .pax(bytes("64fd/2e77682e61fe"), null).file(bytes("7768"), "")
                .file(bytes("2e77682e676f6e65fc"), "")
                .pax(bytes("68fa"), bytes("64fd/61ff")).hardlink(bytes("68"), bytes("78"))
                .pax(bytes("73f5"), bytes("70f9f8/71f7")).symlink(bytes("73"), bytes("78"))
                .bytes());
        Map<String, String> expected = new TreeMap<>(Map.of(
                "caf\u00e9", "file café",
                "d\\xfd", "dir",
                "d\\xfd/a\\xff", "file ff, hard link",
                "h\\xfa", "file ff, hard link",
                "l\\xfb", "symlink d\\xfd/a\\xff",
                "p\\xf9\\xf8", "dir",
                "p\\xf9\\xf8/q\\xf7", "file q",
                "s\\xf5", "symlink p\\xf9\\xf8/q\\xf7"));
        expected.put("n\\xf6" + "x".repeat(118), "file long");

        assertEquals(expected, described(ImageTree.assemble(Tars.image(base, upper), cache, LayerPolicy.defaults())));
        // again, from the indexes in the cache
        assertEquals(expected, described(ImageTree.assemble(Tars.image(base, upper), cache, LayerPolicy.defaults())));
    }

    @Test
    void assemble_nameOf255BytesNotUtf8_isTakenAndOf256_refusedEscaped() throws Exception {
        Layer fits = Tars.layer(cache, new RawTar().pax(bytes("ff".repeat(255)), null).file(bytes("78"), "x").bytes());
        ImageTree tree = ImageTree.assemble(Tars.image(fits), cache, LayerPolicy.defaults());
        assertEquals(255, FileNames.encode(tree.entries().get(0).path()).length);

        Layer over = Tars.layer(cache, new RawTar().pax(bytes("ff".repeat(256)), null).file(bytes("78"), "x").bytes());
        HostileLayerException e = assertThrows(HostileLayerException.class,
                () -> ImageTree.assemble(Tars.image(over), cache, LayerPolicy.defaults()));
        assertTrue(e.getMessage().contains("entry '" + "\\xff".repeat(256) + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("longer than 255 bytes"), e.getMessage());
    }

    /** Each entry by its path shown escaped: what it is, a file's content, a symlink's target. */
    private static Map<String, String> described(ImageTree tree) throws Exception {
        Map<String, String> described = new TreeMap<>();
        for (TreeEntry e : tree.entries()) {
            String what = switch (e.kind()) {
                case DIRECTORY -> "dir";
                case SYMLINK -> "symlink " + ControlCharacters.escapedUnambiguously(e.linkTarget());
                case FILE -> "file " + Files.readString(e.content(), StandardCharsets.UTF_8)
                        + (e.linkGroup() > 0 ? ", hard link" : "");
            };
            described.put(ControlCharacters.escapedUnambiguously(e.path()), what);
        }
        return described;
    }
}
