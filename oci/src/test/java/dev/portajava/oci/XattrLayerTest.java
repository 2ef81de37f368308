package dev.portajava.oci;

import static dev.portajava.oci.RawTar.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.tree.Xattrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer's extended attributes, PAX {@code SCHILY.xattr.*} records as Docker and GNU tar write them, reach the
 * image's entries byte for byte: binary values such as {@code security.capability} included, the namespaces a
 * squashfs image cannot hold left out, a later layer's entry replacing them with its own.
 */
class XattrLayerTest {

    /** cap_net_bind_service in the permitted and effective sets, as setcap writes it (VFS_CAP_REVISION_2). */
    static final byte[] CAPABILITY = HexFormat.of().parseHex("0100000200040000000000000000000000000000");

    @TempDir
    Path sandbox;

    private CacheDirectory cache;

    @BeforeEach
    void setUp() {
        cache = new CacheDirectory(sandbox.resolve("cache"));
    }

    private static Map<String, byte[]> records(String... nameValue) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            records.put("SCHILY.xattr." + nameValue[i], nameValue[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void xattrsOfFilesDirectoriesAndSymlinks_reachTheTree_andComeBackFromTheCache() throws Exception {
        Map<String, byte[]> tool = records("user.note", "h\u00e9llo", "system.posix_acl_access", "\u0002\0\0\0");
        tool.put("SCHILY.xattr.security.capability", CAPABILITY);
        Layer layer = Tars.layer(cache, new RawTar()
                .pax(records("user.dir", "d")).dir(bytes("657463/"))
                .pax(tool).file(bytes("746f6f6c"), "binary")
                .hardlink(bytes("746f6f6c32"), bytes("746f6f6c"))
                .pax(records("security.selinux", "system_u:object_r:bin_t:s0\0")).symlink(bytes("6c696e6b"),
                        bytes("746f6f6c"))
                .file(bytes("706c61696e"), "no xattrs")
                .bytes());
        for (int pass = 0; pass < 2; pass++) { // the second from the layer's index in the cache
            Map<String, Xattrs> xattrs = xattrs(ImageTree.assemble(Tars.image(layer), cache, LayerPolicy.defaults()));
            assertEquals(List.of("user.dir"), xattrs.get("etc").names());
            assertEquals("d", text(xattrs.get("etc").get("user.dir").orElseThrow()));
            assertEquals(List.of("security.capability", "user.note"), xattrs.get("tool").names(),
                    "system.* is not an image's to hold");
            assertArrayEquals(CAPABILITY, xattrs.get("tool").get("security.capability").orElseThrow());
            assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.ISO_8859_1),
                    xattrs.get("tool").get("user.note").orElseThrow(), "a value that is not UTF-8, byte for byte");
            assertEquals(xattrs.get("tool"), xattrs.get("tool2"), "a hard link has its inode's xattrs");
            assertEquals("system_u:object_r:bin_t:s0\0",
                    text(xattrs.get("link").get("security.selinux").orElseThrow()));
            assertTrue(xattrs.get("plain").isEmpty());
        }
    }

    @Test
    void aLaterLayersEntry_bringsItsOwnXattrs() throws Exception {
        Layer base = Tars.layer(cache, new RawTar()
                .pax(records("user.dir", "old")).dir(bytes("657463/"))
                .pax(records("user.file", "old")).file(bytes("746f6f6c"), "v1")
                .bytes());
        Layer upper = Tars.layer(cache, new RawTar()
                .dir(bytes("657463/"))
                .pax(records("user.file", "new")).file(bytes("746f6f6c"), "v2")
                .bytes());
        Map<String, Xattrs> xattrs = xattrs(ImageTree.assemble(Tars.image(base, upper), cache,
                LayerPolicy.defaults()));
        assertTrue(xattrs.get("etc").isEmpty(), "the upper layer's directory entry has none");
        assertEquals("new", text(xattrs.get("tool").get("user.file").orElseThrow()));
    }

    @Test
    void anXattrThatIsNotOne_refusesTheLayerNamingTheEntry() throws Exception {
        Layer empty = Tars.layer(cache, new RawTar().pax(records("user.", "x")).file(bytes("78"), "x").bytes());
        HostileLayerException e = assertThrows(HostileLayerException.class,
                () -> ImageTree.assemble(Tars.image(empty), cache, LayerPolicy.defaults()));
        assertTrue(e.getMessage().contains("entry 'x'") && e.getMessage().contains("user."), e.getMessage());

        Layer tooLong = Tars.layer(cache, new RawTar().pax(records("user." + "n".repeat(300), "x"))
                .file(bytes("79"), "y").bytes());
        e = assertThrows(HostileLayerException.class,
                () -> ImageTree.assemble(Tars.image(tooLong), cache, LayerPolicy.defaults()));
        assertTrue(e.getMessage().contains("entry 'y'") && e.getMessage().contains("255"), e.getMessage());
    }

    @Test
    void aMalformedCapability_refusesTheLayerNamingTheEntry_andLeavesNothingInTheCache() throws Exception {
        // 01 00 00 02: a revision 2 header (effective), without the 16 bytes of sets the kernel wants after it
        Map<String, byte[]> header = new LinkedHashMap<>();
        header.put("SCHILY.xattr.security.capability", HexFormat.of().parseHex("01000002"));
        Layer layer = Tars.layer(cache, new RawTar().pax(header).file(bytes("62696e2f636170"), "cap").bytes());
        HostileLayerException e = assertThrows(HostileLayerException.class,
                () -> ImageTree.assemble(Tars.image(layer), cache, LayerPolicy.defaults()));
        assertEquals(layer.digest(), e.layer());
        assertEquals("bin/cap", e.entry());
        assertTrue(e.getMessage().contains("entry 'bin/cap'") && e.getMessage().contains("security.capability")
                && e.getMessage().contains("revision 2") && e.getMessage().contains("20 bytes"), e.getMessage());
        assertTrue(!java.nio.file.Files.exists(cache.layers().resolve(layer.digest().hex())), "no index is cached");

        // a revision 3 header with a revision 2 size; a revision the kernel does not know
        for (String value : List.of("0000000300040000000000000000000000000000",
                "0000000400040000000000000000000000000000")) {
            Map<String, byte[]> records = new LinkedHashMap<>();
            records.put("SCHILY.xattr.security.capability", HexFormat.of().parseHex(value));
            Layer bad = Tars.layer(cache, new RawTar().pax(records).file(bytes("78"), value).bytes());
            e = assertThrows(HostileLayerException.class,
                    () -> ImageTree.assemble(Tars.image(bad), cache, LayerPolicy.defaults()));
            assertTrue(e.getMessage().contains("entry 'x'") && e.getMessage().contains("not a file capability"),
                    e.getMessage());
        }
    }

    private static Map<String, Xattrs> xattrs(ImageTree tree) {
        Map<String, Xattrs> xattrs = new TreeMap<>();
        for (TreeEntry e : tree.entries()) {
            xattrs.put(e.path(), e.xattrs());
        }
        return xattrs;
    }
}
