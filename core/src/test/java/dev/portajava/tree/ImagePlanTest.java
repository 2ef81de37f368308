package dev.portajava.tree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImagePlanTest {

    private final ImagePlan.Builder plan = ImagePlan.builder();

    private static ImagePath p(String path) {
        return ImagePath.of(path);
    }

    private static PlanEntry file(String path, String content) {
        return PlanEntry.file(p(path), 0644, 0, 0, 0, new Content.Inline(content.getBytes(UTF_8)));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void children_areInTheOrderOfTheirNamesBytes() throws Exception {
        // String.compareTo puts the emoji (a surrogate pair, 0xD83D...) before U+FF01; their UTF-8 bytes do not
        List<String> names = List.of("😀", "z", "日本", "a.b", "B", "\uFF01", "é", "a", "a-b");
        for (String name : names) {
            plan.put(file("/d/" + name, name));
        }
        List<String> order = plan.build().children(p("/d")).stream().map(e -> e.path().fileName()).toList();
        assertEquals(List.of("B", "a", "a-b", "a.b", "z", "é", "日本", "\uFF01", "😀"), order);
    }

    @Test
    void walk_visitsADirectoryRightBeforeItsEntries_asPathsSort() throws Exception {
        plan.put(file("/a-b", "x")).put(file("/a/b", "y")).put(file("/a/a", "z")).put(file("/A", "w"));
        List<ImagePath> walked = new ArrayList<>();
        plan.build().walk(e -> walked.add(e.path()));
        // the string "/a-b" sorts before "/a/b"; a walk enters /a first, because "a" is a prefix of "a-b"
        assertEquals(List.of(p("/"), p("/A"), p("/a"), p("/a/a"), p("/a/b"), p("/a-b")), walked);
        List<ImagePath> sorted = new ArrayList<>(walked);
        sorted.sort(null);
        assertEquals(walked, sorted);
    }

    @Test
    void put_missingParents_areRootOwned0755Directories() throws Exception {
        plan.put(PlanEntry.file(p("/usr/lib/x"), 0600, 5, 6, 7, new Content.Inline(new byte[1])));
        PlanEntry parent = plan.build().get(p("/usr/lib")).orElseThrow();
        assertEquals(EntryType.DIRECTORY, parent.type());
        assertEquals(List.of(0755, 0, 0), List.of(parent.permissions(), parent.uid(), parent.gid()));
        assertEquals(4, plan.build().size()); // the root, /usr, /usr/lib and the file
    }

    @Test
    void put_overAnEntry_replacesIt_aDirectoryKeepsItsEntries() throws Exception {
        plan.put(file("/etc/a", "old")).put(file("/etc/a", "new"));
        plan.put(PlanEntry.symlink(p("/etc/b"), "a", 0, 0, 0)).put(file("/etc/b", "was a link"));
        plan.put(PlanEntry.directory(p("/etc"), 0700, 1, 2, 3));
        ImagePlan built = plan.build();
        assertEquals("new", read(built.open("/etc/a")));
        assertEquals(EntryType.FILE, built.get(p("/etc/b")).orElseThrow().type());
        assertEquals(0700, built.get(p("/etc")).orElseThrow().permissions());
        assertEquals(2, built.children(p("/etc")).size());
    }

    @Test
    void put_fileOverDirectory_orDirectoryOverFile_isRefused() throws Exception {
        plan.put(file("/srv/data/x", "x")).put(file("/etc/conf", "c"));
        PlanConflictException file = assertThrows(PlanConflictException.class, () -> plan.put(file("/srv/data", "")));
        assertEquals("/srv/data is already a directory in the image; cannot make it a file", file.getMessage());
        PlanConflictException dir = assertThrows(PlanConflictException.class,
                () -> plan.put(PlanEntry.directory(p("/etc/conf"), 0755, 0, 0, 0)));
        assertEquals("/etc/conf is already in the image and is not a directory", dir.getMessage());
        assertThrows(PlanConflictException.class, () -> plan.put(file("/", "")));
        assertEquals("x", read(plan.open("/srv/data/x")));
    }

    @Test
    void put_throughASymlinkOrAFile_isRefusedAndChangesNothing() throws Exception {
        plan.put(PlanEntry.symlink(p("/bin"), "/etc", 0, 0, 0)).put(file("/etc/passwd", "root"));
        PlanConflictException link = assertThrows(PlanConflictException.class, () -> plan.put(file("/bin/sh", "")));
        assertEquals("/bin/sh passes through the symlink /bin in the image", link.getMessage());
        PlanConflictException notDir = assertThrows(PlanConflictException.class,
                () -> plan.put(file("/etc/passwd/x/y", "")));
        assertEquals("/etc/passwd/x/y: /etc/passwd is not a directory in the image", notDir.getMessage());
        assertThrows(PlanConflictException.class, () -> plan.hardLink(p("/etc/passwd"), p("/bin/passwd")));
        ImagePlan built = plan.build();
        assertEquals(List.of(p("/bin"), p("/etc")), built.children(ImagePath.ROOT).stream().map(PlanEntry::path).toList());
        assertEquals(1, built.children(p("/etc")).size());
    }

    @Test
    void hardLink_sharesTheInode_andFollowsChangesOfEitherName() throws Exception {
        plan.put(file("/a", "content")).hardLink(p("/a"), p("/b")).hardLink(p("/b"), p("/dir/c"));
        plan.setOwner(p("/dir/c"), 1000, 100).setPermissions(p("/b"), 0755).setXattr(p("/a"), "user.k", new byte[] {1});
        ImagePlan built = plan.build();
        assertEquals(4 + 1, built.size());
        assertEquals(3, built.inodeCount()); // the root, /dir and the one inode of a, b and c
        for (String name : List.of("/a", "/b", "/dir/c")) {
            PlanEntry e = built.get(p(name)).orElseThrow();
            assertEquals(List.of(1000, 100, 0755), List.of(e.uid(), e.gid(), e.permissions()), name);
            assertArrayEquals(new byte[] {1}, e.xattrs().get("user.k").orElseThrow(), name);
            assertEquals("content", read(e.content().open()), name);
        }
        assertNull(built.get(p("/a")).orElseThrow().hardLinkOf());
        assertEquals(p("/a"), built.get(p("/b")).orElseThrow().hardLinkOf());
        assertEquals(p("/a"), built.get(p("/dir/c")).orElseThrow().hardLinkOf());
    }

    @Test
    void fileCountAndBytes_countEachFilesInodeOnce_andNoOtherEntry() throws Exception {
        plan.put(file("/a", "content")).hardLink(p("/a"), p("/b")).put(file("/dir/empty", ""))
                .put(file("/dir/c", "12345")).put(PlanEntry.symlink(p("/dir/link"), "c", 0, 0, 0));
        ImagePlan built = plan.build();

        assertEquals(3, built.fileCount()); // /a (and /b), /dir/empty and /dir/c
        assertEquals("content".length() + 5, built.fileBytes());
    }

    @Test
    void hardLink_whenTheFirstNameGoes_theNextHoldsTheInode() throws Exception {
        plan.put(file("/a", "content")).hardLink(p("/a"), p("/b")).hardLink(p("/a"), p("/c"));
        plan.put(file("/a", "replaced"));
        ImagePlan built = plan.build();
        assertNull(built.get(p("/a")).orElseThrow().hardLinkOf());
        assertNull(built.get(p("/b")).orElseThrow().hardLinkOf());
        assertEquals(p("/b"), built.get(p("/c")).orElseThrow().hardLinkOf());
        assertEquals("replaced", read(built.open("/a")));
        assertEquals("content", read(built.open("/c")));
        plan.remove(p("/b"));
        assertNull(plan.build().get(p("/c")).orElseThrow().hardLinkOf());
        assertEquals(3, plan.build().inodeCount());
    }

    @Test
    void hardLink_toADirectoryOrNothing_isRefused() throws Exception {
        plan.put(PlanEntry.directory(p("/d"), 0755, 0, 0, 0));
        assertEquals("cannot link /x to /d: it is a directory",
                assertThrows(PlanConflictException.class, () -> plan.hardLink(p("/d"), p("/x"))).getMessage());
        assertEquals("cannot link /x to /nope: it is not in the image",
                assertThrows(PlanConflictException.class, () -> plan.hardLink(p("/nope"), p("/x"))).getMessage());
    }

    @Test
    void resolve_followsSymlinksInsideTheImage() throws Exception {
        plan.put(file("/usr/bin/busybox", "the shell"));
        plan.put(PlanEntry.symlink(p("/usr/bin/sh"), "busybox", 0, 0, 0));
        plan.put(PlanEntry.symlink(p("/bin"), "usr/bin", 0, 0, 0));
        plan.put(PlanEntry.symlink(p("/etc/escape"), "/../../../bin/sh", 0, 0, 0));
        plan.put(PlanEntry.symlink(p("/loop"), "/loop", 0, 0, 0));
        ImagePlan built = plan.build();
        assertEquals(Optional.of(p("/usr/bin/busybox")), built.resolve("/bin/sh"));
        assertEquals(Optional.of(p("/usr/bin/busybox")), plan.resolve("/etc/escape"));
        assertEquals("the shell", read(built.open("/etc/escape")));
        assertEquals(Optional.empty(), built.resolve("/bin/missing"));
        assertThrows(InImagePaths.SymlinkLoopException.class, () -> built.resolve("/loop/x"));
        assertThrows(NoSuchFileException.class, () -> built.open("/bin"));
        assertThrows(NoSuchFileException.class, () -> built.open("/nothing"));
        // get does not follow
        assertEquals(EntryType.SYMLINK, built.get(p("/bin")).orElseThrow().type());
        assertTrue(built.get(p("/bin/sh")).isEmpty());
    }

    @Test
    void remove_takesEverythingBelow() throws Exception {
        plan.put(file("/usr/a/b/c", "c")).put(file("/usr/d", "d")).put(file("/keep", "k")).hardLink(p("/usr/d"), p("/e"));
        assertTrue(plan.remove(p("/usr")));
        assertFalse(plan.remove(p("/usr/d")));
        assertFalse(plan.remove(p("/keep/x")));
        ImagePlan built = plan.build();
        assertEquals(List.of(p("/e"), p("/keep")), built.children(ImagePath.ROOT).stream().map(PlanEntry::path).toList());
        assertNull(built.get(p("/e")).orElseThrow().hardLinkOf());
        assertEquals("d", read(built.open("/e")));
        assertThrows(IllegalArgumentException.class, () -> plan.remove(ImagePath.ROOT));
    }

    @Test
    void build_isASnapshot() throws Exception {
        plan.put(file("/a", "a"));
        ImagePlan first = plan.build();
        plan.put(file("/b", "b")).setMtime(p("/a"), 99).removeXattr(p("/a"), "user.none");
        assertEquals(2, first.size());
        assertEquals(0, first.get(p("/a")).orElseThrow().mtime());
        assertEquals(99, plan.build().get(p("/a")).orElseThrow().mtime());
    }

    @Test
    void setters_onAMissingPath_areRefused() {
        assertEquals("/x is not in the image",
                assertThrows(PlanConflictException.class, () -> plan.setOwner(p("/x"), 1, 1)).getMessage());
    }
}
