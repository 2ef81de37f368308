package dev.portajava.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types of a plan check themselves. */
class PlanEntryTest {

    private static final ImagePath PATH = ImagePath.of("/x");
    private static final Content BYTES = new Content.Inline(new byte[] {1, 2});

    @Test
    void entry_fieldsThatDoNotBelongToItsType_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PlanEntry(PATH, EntryType.FILE, 0644, 0, 0, 0,
                Xattrs.NONE, null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new PlanEntry(PATH, EntryType.DIRECTORY, 0755, 0, 0, 0,
                Xattrs.NONE, null, BYTES, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new PlanEntry(PATH, EntryType.SYMLINK, 0777, 0, 0, 0,
                Xattrs.NONE, null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.symlink(PATH, "", 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.symlink(PATH, "a\0b", 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PlanEntry(PATH, EntryType.FIFO, 0644, 0, 0, 0,
                Xattrs.NONE, null, null, 5, null));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.special(PATH, EntryType.FILE, 0644, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.directory(PATH, 010000, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.directory(PATH, 0755, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.directory(PATH, 0755, 0, 0, 0)
                .withHardLinkOf(ImagePath.of("/y")));
        assertThrows(IllegalArgumentException.class, () -> PlanEntry.file(PATH, 0644, 0, 0, 0, BYTES)
                .withHardLinkOf(PATH));
        assertEquals(0104755, PlanEntry.file(PATH, 04755, 0, 0, 0, BYTES).mode());
        assertEquals(020640, PlanEntry.special(PATH, EntryType.CHAR_DEVICE, 0640, 0, 0, 0, 0x0105).mode());
    }

    @Test
    void xattrs_outsideTheNamespacesAnImageCarries_areRefused() {
        for (String name : List.of("system.posix_acl_access", "user.", "trusted", "security." + "x".repeat(250),
                "user.a\0b", "os2.x")) {
            assertThrows(IllegalArgumentException.class, () -> Xattrs.NONE.with(name, new byte[0]), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Xattrs.NONE.with("user.big", new byte[65537]));
        byte[] cap = java.util.HexFormat.of().parseHex("0100000200040000000000000000000000000000");
        Xattrs x = Xattrs.of(Map.of("user.b", new byte[] {2}, "security.capability", cap,
                "trusted.a", new byte[0]));
        assertEquals(List.of("security.capability", "trusted.a", "user.b"), x.names());
        assertEquals(x, Xattrs.NONE.with("trusted.a", new byte[0]).with("user.b", new byte[] {2})
                .with("security.capability", cap));
        assertNotEquals(x, x.with("user.b", new byte[] {4}));
        assertEquals(Xattrs.NONE, x.without("user.b").without("trusted.a").without("security.capability"));
    }

    @Test
    void capability_mustBeAVfsCapDataOfItsRevisionsSize() {
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (String valid : List.of("000000010000000000000000", // revision 1, 12 bytes (flags in the low bits)
                "0000000200040000000000000000000000000000", // revision 2, 20 bytes
                "0100000200040000000000000000000000000000", // revision 2, effective
                "010000030004000000000000000000000000000000000000")) { // revision 3, 24 bytes
            byte[] value = hex.parseHex(valid);
            assertArrayEquals(value, Xattrs.NONE.with("security.capability", value).get("security.capability")
                    .orElseThrow(), valid);
        }
        for (String invalid : List.of("", "010000", "01000002", // revision 2 header only
                "000000010000000000000000000000000000000000", // revision 1, 21 bytes
                "0100000200040000000000000000000000000000" + "00", // revision 2, 21 bytes
                "0100000300040000000000000000000000000000", // revision 3, 20 bytes
                "0000000000040000000000000000000000000000", "0000000400040000000000000000000000000000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Xattrs.NONE.with("security.capability", hex.parseHex(invalid)), invalid);
            assertTrue(e.getMessage().contains("security.capability") && e.getMessage().contains("not a file"
                    + " capability"), e.getMessage());
        }
        // other names' values are not file capabilities
        assertEquals(1, Xattrs.NONE.with("security.capability2", new byte[] {1}).size());
        assertEquals(1, Xattrs.NONE.with("user.capability", new byte[] {1, 0, 0, 2}).size());
    }

    @Test
    void content_isCopied_andDigestsAreSha256() {
        byte[] bytes = {1, 2, 3};
        Content.Inline inline = new Content.Inline(bytes);
        bytes[0] = 9;
        inline.bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, inline.bytes());
        assertEquals(new Content.Inline(new byte[] {1, 2, 3}), inline);
        assertThrows(IllegalArgumentException.class, () -> new Content.StoredFile(Path.of("/c/x"), 3, "abc"));
        assertThrows(IllegalArgumentException.class, () -> new Content.StoredFile(Path.of("/c/x"), 3, "g".repeat(64)));
        // one spelling, as Sha256.hex writes it and the store names its files: upper case is not taken
        assertThrows(IllegalArgumentException.class, () -> new Content.StoredFile(Path.of("/c/x"), 3, "AB".repeat(32)));
        assertEquals("ab".repeat(32), new Content.StoredFile(Path.of("/c/x"), 3, "ab".repeat(32)).sha256().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new Content.HostFile(Path.of("/x"), -1));
    }

    @Test
    void imagePath_climbingAboveTheRoot_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImagePath.of("/a/../../b"));
        assertEquals(ImagePath.of("/b"), ImagePath.of("a/./../b/"));
        assertEquals(true, ImagePath.of("/a/b").startsWith(ImagePath.of("/a")));
        assertEquals(false, ImagePath.of("/ab").startsWith(ImagePath.of("/a")));
    }
}
