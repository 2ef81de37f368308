package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTreeTest {

    @TempDir
    Path sandbox;

    CacheDirectory cache;

    @BeforeEach
    void setUp() {
        cache = new CacheDirectory(sandbox.resolve("cache"));
    }

    private ImageTree assemble(LayerPolicy policy, Layer... layers) throws OciException {
        return ImageTree.assemble(Tars.image(layers), cache, policy);
    }

    private ImageTree assemble(Layer... layers) throws OciException {
        return assemble(LayerPolicy.defaults(), layers);
    }

    private static Map<String, TreeEntry> byPath(ImageTree tree) {
        return tree.entries().stream().collect(Collectors.toMap(TreeEntry::path, Function.identity()));
    }

    private static List<String> paths(ImageTree tree) {
        return tree.entries().stream().map(TreeEntry::path).toList();
    }

    private static String content(TreeEntry e) throws IOException {
        return Files.readString(e.content(), StandardCharsets.UTF_8);
    }

    @Test
    void assemble_appliesLayersInOrder_asContainerdDoes() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar()
                .dir("./")
                .dir("./etc/")
                .file("./etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0)
                .file("./etc/shadow", "root:*:1::::::\n", 0640, 0, 42)
                .dir("./usr/")
                .dir("./usr/bin/")
                .file("./usr/bin/tool", "#!/bin/sh\necho tool\n", 0755, 0, 0)
                .dir("./opt/")
                .dir("./opt/d/", 0750, 7, 8)
                .file("./opt/d/old", "old")
                .dir("./opt/d/sub/")
                .file("./opt/d/sub/older", "older")
                .file("./var/x", "a file, then a directory")
                .dir("./srv/dir/")
                .file("./srv/dir/f", "a directory, then a file, then a directory")
                .symlink("./bin", "usr/bin")
                .file("./data/orig", "same content")
                .file("./doomed-suid", "gone before the end", 04755, 0, 0)
                .bytes());
        Layer second = Tars.layer(cache, Tars.tar()
                .file("etc/.wh.shadow", "")
                .file("etc/passwd", "root:x:0:0::/root:/bin/bash\n", 0600, 0, 0)
                .file("opt/d/.wh..wh..opq", "")
                .file("opt/d/new", "re-added in the opaque directory's layer")
                .dir("var/x/", 0700, 1, 1)
                .file("var/x/inside", "inside")
                .file("srv/dir", "now a file")
                .file("tmp/.wh.nothing", "")
                .file(".wh.never-there", "")
                .file("bin/added", "through the symlink")
                .file("data/copy", "same content")
                .hardlink("usr/bin/tool-link", "usr/bin/tool")
                .file("a/b/c", "missing parents are made")
                .file(".wh.doomed-suid", "")
                .gzip());
        Layer third = Tars.layer(cache, Tars.tar()
                .dir("srv/dir/", 0711, 0, 0)
                .file("srv/dir/back", "a directory again")
                .dir("etc/", 0700, 5, 6)
                .file("h/one", "linked", 0600, 33, 33)
                .hardlink("h/two", "h/one")
                .hardlink("h/three", "./bin/tool-link")
                .symlink("lib64", "/usr/lib")
                .symlink("usr/bin/up", "../../etc/passwd")
                .file("usr/bin/.wh.tool", "")
                .zstd());

        ImageTree tree = assemble(base, second, third);

        assertEquals(List.of("a", "a/b", "a/b/c", "bin", "data", "data/copy", "data/orig", "etc", "etc/passwd", "h",
                "h/one", "h/three", "h/two", "lib64", "opt", "opt/d", "opt/d/new", "srv", "srv/dir", "srv/dir/back",
                "usr", "usr/bin", "usr/bin/added", "usr/bin/tool-link", "usr/bin/up", "var", "var/x",
                "var/x/inside"), paths(tree));
        Map<String, TreeEntry> e = byPath(tree);

        // a replaced file, with its own mode; a directory entry over a directory updates its metadata only
        assertEquals("root:x:0:0::/root:/bin/bash\n", content(e.get("etc/passwd")));
        assertEquals(0600, e.get("etc/passwd").mode());
        assertEquals(new TreeEntry("etc", TreeEntry.Kind.DIRECTORY, 0700, 5, 6, "", null, 0, 0), e.get("etc"));
        // opaque: the lower children are gone, the layer's own stays; the directory keeps its metadata
        assertEquals(0750, e.get("opt/d").mode());
        assertEquals(7, e.get("opt/d").uid());
        // a file replaced by a directory, a directory by a file and back
        assertEquals(TreeEntry.Kind.DIRECTORY, e.get("var/x").kind());
        assertEquals(0700, e.get("var/x").mode());
        assertEquals(TreeEntry.Kind.DIRECTORY, e.get("srv/dir").kind());
        assertEquals(0711, e.get("srv/dir").mode());
        assertEquals("a directory again", content(e.get("srv/dir/back")));
        // missing parents: 0755, root
        assertEquals(new TreeEntry("a/b", TreeEntry.Kind.DIRECTORY, 0755, 0, 0, "", null, 0, 0), e.get("a/b"));
        // through the symlink bin -> usr/bin
        assertEquals("through the symlink", content(e.get("usr/bin/added")));
        assertEquals(new TreeEntry("bin", TreeEntry.Kind.SYMLINK, 0777, 0, 0, "usr/bin", null, 0, 0), e.get("bin"));
        assertEquals("/usr/lib", e.get("lib64").linkTarget());
        assertEquals("../../etc/passwd", e.get("usr/bin/up").linkTarget());
        // identical contents are one file of the store
        assertEquals(e.get("data/orig").content(), e.get("data/copy").content());
        assertEquals(cache.files().resolve(Tars.sha256("same content".getBytes(StandardCharsets.UTF_8)).hex()),
                e.get("data/orig").content());

        // a hard link to a lower layer's file; its target was removed later, so it is a plain file now
        TreeEntry toolLink = e.get("usr/bin/tool-link");
        assertEquals("#!/bin/sh\necho tool\n", content(toolLink));
        assertEquals(0755, toolLink.mode());
        // h/three links to usr/bin/tool-link through the symlink bin: all three of h/ are one group
        TreeEntry one = e.get("h/one");
        TreeEntry two = e.get("h/two");
        TreeEntry three = e.get("h/three");
        assertTrue(one.linkGroup() > 0);
        assertEquals(one.linkGroup(), two.linkGroup());
        assertEquals(0600, two.mode());
        assertEquals(33, two.uid());
        assertEquals(one.content(), two.content());
        assertTrue(three.linkGroup() > 0);
        assertNotEquals(one.linkGroup(), three.linkGroup());
        assertEquals(three.linkGroup(), toolLink.linkGroup());
        assertEquals(0755, three.mode());
        assertEquals(0, e.get("data/orig").linkGroup());

        for (TreeEntry entry : tree.entries()) {
            assertEquals(entry.kind() == TreeEntry.Kind.FILE, entry.content() != null, entry.path());
            if (entry.kind() == TreeEntry.Kind.FILE) {
                assertEquals(Files.size(entry.content()), entry.size(), entry.path());
            }
        }
    }

    @Test
    void assemble_whenARelativeSymlinkClimbsAboveTheRoot_pointsItWhereTheKernelStops() throws Exception {
        // a JDK's lib/ copied to /opt/jdk has such links: ../../../x86_64-linux-gnu/... from /opt/jdk
        Layer layer = Tars.layer(cache, Tars.tar()
                .symlink("opt/jdk/libatk.so", "../../../x86_64-linux-gnu/jni/libatk.so")
                .symlink("etc/link", "../../canary")
                .symlink("etc/inside", "../usr/lib/os-release")
                .bytes());

        Map<String, TreeEntry> e = byPath(assemble(layer));

        assertEquals("/x86_64-linux-gnu/jni/libatk.so", e.get("opt/jdk/libatk.so").linkTarget());
        assertEquals("/canary", e.get("etc/link").linkTarget());
        assertEquals("../usr/lib/os-release", e.get("etc/inside").linkTarget(), "a link inside the tree is kept as is");
    }

    @Test
    void assemble_keepsModesAndOwners() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar()
                .dir("srv/", 01777, 0, 0)
                .dir("srv/www/", 02750, 33, 34)
                .file("srv/www/index.html", "<p>hi</p>", 0640, 33, 34)
                .file("srv/www/big-id", "x", 0400, 1_000_000, 2_000_000)
                .bytes());

        Map<String, TreeEntry> e = byPath(assemble(layer));

        assertEquals(01777, e.get("srv").mode());
        // setgid on a directory only makes its files inherit its group: it is kept
        assertEquals(new TreeEntry("srv/www", TreeEntry.Kind.DIRECTORY, 02750, 33, 34, "", null, 0, 0),
                e.get("srv/www"));
        assertEquals(0640, e.get("srv/www/index.html").mode());
        assertEquals(33, e.get("srv/www/index.html").uid());
        assertEquals(34, e.get("srv/www/index.html").gid());
        assertEquals(9, e.get("srv/www/index.html").size());
        assertEquals(1_000_000, e.get("srv/www/big-id").uid());
        assertEquals(2_000_000, e.get("srv/www/big-id").gid());
    }

    @Test
    void assemble_honoursPaxAndGnuLongNames_andNonAsciiNames() throws Exception {
        String longDir = "d".repeat(120);
        Layer pax = Tars.layer(cache, Tars.tar()
                .file(longDir + "/" + "f".repeat(200), "pax")
                .file("caf\u00e9/na\u00efve", "utf-8")
                .symlink("l", "/" + "t".repeat(150))
                .bytes());
        Layer gnu = Tars.layer(cache, Tars.gnuTar().file(longDir + "/" + "g".repeat(200), "gnu").bytes());

        Map<String, TreeEntry> e = byPath(assemble(pax, gnu));

        assertEquals("pax", content(e.get(longDir + "/" + "f".repeat(200))));
        assertEquals("gnu", content(e.get(longDir + "/" + "g".repeat(200))));
        assertEquals("utf-8", content(e.get("caf\u00e9/na\u00efve")));
        assertEquals("/" + "t".repeat(150), e.get("l").linkTarget());
    }

    @Test
    void assemble_sortsByPathComponents_soThatParentsComeFirst() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar()
                .file("a-b", "1")
                .file("a/b", "2")
                .file("a.b/c", "3")
                .file("Z", "4")
                .bytes());

        assertEquals(List.of("Z", "a", "a/b", "a-b", "a.b", "a.b/c"), paths(assemble(layer)));
    }

    @Test
    void assemble_ignoresTheRootEntry_andHasNoEntryForTheRoot() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar().dir("./", 0700, 5, 5).dir(".", 0700, 5, 5).file("f", "x").bytes());

        assertEquals(List.of("f"), paths(assemble(layer)));
    }

    @Test
    void assemble_whenADirectoryIsRepeatedIdentically_acceptsIt() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar().dir("d/").file("d/f", "x").dir("./d").bytes());

        assertEquals(List.of("d", "d/f"), paths(assemble(layer)));
    }

    @Test
    void assemble_whenAWhiteoutNamesNothing_changesNothing() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar().file("keep", "x").bytes());
        Layer upper = Tars.layer(cache, Tars.tar()
                .file(".wh.absent", "")
                .file("no/such/dir/.wh.file", "")
                .file("keep/.wh.child", "")
                .file("gone/.wh..wh..opq", "")
                .bytes());

        assertEquals(List.of("keep"), paths(assemble(base, upper)));
    }

    @Test
    void assemble_whenTheRootIsMadeOpaque_keepsOnlyThatLayersEntries() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar().file("old", "x").dir("dir/").bytes());
        Layer upper = Tars.layer(cache, Tars.tar().file("new", "y").file(".wh..wh..opq", "").bytes());

        assertEquals(List.of("new"), paths(assemble(base, upper)));
    }

    @Test
    void assemble_whiteoutThroughASymlink_removesTheTarget() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar().file("usr/lib/libx.so", "x").symlink("lib", "/usr/lib").bytes());
        Layer upper = Tars.layer(cache, Tars.tar().file("lib/.wh.libx.so", "").bytes());

        assertEquals(List.of("lib", "usr", "usr/lib"), paths(assemble(base, upper)));
    }

    @Test
    void assemble_whenAWhiteoutRemovesASymlink_doesNotFollowIt() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar().file("real/f", "x").symlink("link", "real").bytes());
        Layer upper = Tars.layer(cache, Tars.tar().file(".wh.link", "").bytes());

        assertEquals(List.of("real", "real/f"), paths(assemble(base, upper)));
    }

    @Test
    void assemble_whenADirectoryReplacesASymlinkToADirectory_replacesTheSymlink() throws Exception {
        Layer base = Tars.layer(cache, Tars.tar().file("real/f", "x").symlink("link", "real").bytes());
        Layer upper = Tars.layer(cache, Tars.tar().dir("link/", 0700, 0, 0).bytes());

        Map<String, TreeEntry> e = byPath(assemble(base, upper));

        assertEquals(TreeEntry.Kind.DIRECTORY, e.get("link").kind());
        assertEquals(0755, e.get("real").mode());
    }

    @Test
    void assemble_throughSymlinksThatClimb_staysInsideTheImage() throws Exception {
        Path canary = Files.writeString(sandbox.resolve("canary"), "untouched");
        Layer layer = Tars.layer(cache, Tars.tar()
                .symlink("up", "/../../../../..")
                .file("up/canary", "inside")
                .symlink("deep/er", "/")
                .file("deep/er/deep/er/x", "also inside")
                .symlink("dangling", "/made/by/the/entry")
                .file("dangling/y", "at the target")
                .bytes());

        Map<String, TreeEntry> e = byPath(assemble(layer));

        assertEquals("inside", content(e.get("canary")));
        assertEquals("also inside", content(e.get("x")));
        assertEquals("at the target", content(e.get("made/by/the/entry/y")));
        assertEquals("untouched", Files.readString(canary));
    }

    @Test
    void assemble_readsGzipOfSeveralMembers() throws Exception {
        byte[] tar = Tars.tar().file("first", "1".repeat(3000)).file("second", "2".repeat(3000)).bytes();
        byte[] first = Tars.gzip(java.util.Arrays.copyOfRange(tar, 0, 2048));
        byte[] rest = Tars.gzip(java.util.Arrays.copyOfRange(tar, 2048, tar.length));
        byte[] blob = new byte[first.length + rest.length];
        System.arraycopy(first, 0, blob, 0, first.length);
        System.arraycopy(rest, 0, blob, first.length, rest.length);

        Map<String, TreeEntry> e = byPath(assemble(Tars.layer(cache, blob)));

        assertEquals("2".repeat(3000), content(e.get("second")));
    }

    @Test
    void assemble_sniffsTheCompression_notTheMediaType() throws Exception {
        byte[] blob = Tars.tar().file("f", "zstd").zstd();
        Layer declaredGzip = new Layer(Tars.sha256(blob), "application/vnd.oci.image.layer.v1.tar+gzip", blob.length,
                Tars.layer(cache, blob).blob());

        assertEquals("zstd", content(byPath(assemble(declaredGzip)).get("f")));
    }

    @Test
    void assemble_whenSetuidIsAllowed_keepsTheBit() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar().file("usr/bin/su", "su", 04755, 0, 0)
                .file("usr/bin/wall", "wall", 02755, 0, 5).bytes());

        Map<String, TreeEntry> e = byPath(assemble(LayerPolicy.defaults().withAllowSetuid(true), layer));

        assertEquals(04755, e.get("usr/bin/su").mode());
        assertEquals(02755, e.get("usr/bin/wall").mode());
    }

    @Test
    void assemble_whenTheConfigsDiffIdsMatch_acceptsTheLayers() throws Exception {
        byte[] tar = Tars.tar().file("f", "x").bytes();
        Layer layer = Tars.layer(cache, Tars.gzip(tar));
        PulledImage image = new PulledImage("test/image:1", Tars.sha256(new byte[] {1}), new ImageConfig("amd64",
                "linux", null, null, null, null, null, null, null, null, List.of(Tars.sha256(tar))), List.of(layer));

        assertEquals(List.of("f"), paths(ImageTree.assemble(image, cache, LayerPolicy.defaults())));
    }

    @Test
    void assemble_whenALayerIsNotWhatTheConfigSays_refusesIt() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar().file("f", "x").gzip());
        Digest other = Tars.sha256(new byte[] {2});
        PulledImage image = new PulledImage("test/image:1", Tars.sha256(new byte[] {1}), new ImageConfig("amd64",
                "linux", null, null, null, null, null, null, null, null, List.of(other)), List.of(layer));

        OciException e = assertThrows(OciException.class,
                () -> ImageTree.assemble(image, cache, LayerPolicy.defaults()));

        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains(layer.digest().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
    }

    @Test
    void assemble_whenAnEmptyLayerIsGiven_givesAnEmptyTree() throws Exception {
        ImageTree tree = assemble(Tars.layer(cache, Tars.tar().gzip()));

        assertTrue(tree.entries().isEmpty());
        assertFalse(Files.exists(cache.files()) && Files.list(cache.files()).findAny().isPresent());
    }

    @Test
    void aHardLinkToWhatIsNotARegularFileOfTheImage_refusesTheLayer_andLeavesNoIndexInTheCache() throws Exception {
        record Refused(String target, String problem) { }
        for (Refused r : List.of(new Refused("nope", "the hard link's target 'nope' is not in the image"),
                new Refused("bin/sh", "the hard link's target 'bin/sh' is a symlink, not a regular file"),
                new Refused("bin", "the hard link's target 'bin' is a directory, not a regular file"))) {
            Layer layer = Tars.layer(cache, Tars.tar()
                    .file("bin/busybox", "busybox", 0755, 0, 0)
                    .symlink("bin/sh", "busybox")
                    .hardlink("hl", r.target())
                    .bytes());
            HostileLayerException e = assertThrows(HostileLayerException.class, () -> assemble(layer));
            assertEquals(layer.digest(), e.layer());
            assertEquals("hl", e.entry());
            assertTrue(e.getMessage().contains("entry 'hl': " + r.problem()), e.getMessage());
            assertFalse(Files.exists(cache.layers().resolve(layer.digest().hex())), r.target());
            assertFalse(Files.exists(cache.layers()) && Files.list(cache.layers()).findAny().isPresent(), r.target());
            assertFalse(Files.exists(layer.blob()), "the blob of a refused layer is not kept");
            assertFalse(Files.exists(cache.tmp()) && Files.list(cache.tmp()).findAny().isPresent());
        }
    }

    @Test
    void aLayerRefusedWhenApplied_isUnpackedAgain_whereItFits() throws Exception {
        // the same upper layer links to a lower layer's file: refused on nothing, accepted on that layer
        byte[] upper = Tars.tar().hardlink("hl", "bin/busybox").bytes();
        Layer alone = Tars.layer(cache, upper);
        assertThrows(HostileLayerException.class, () -> assemble(alone));
        Layer base = Tars.layer(cache, Tars.tar().file("bin/busybox", "busybox", 0755, 0, 0).bytes());
        Layer again = Tars.layer(cache, upper);
        Map<String, TreeEntry> e = byPath(assemble(base, again));
        assertEquals("busybox", content(e.get("hl")));
        assertEquals(e.get("bin/busybox").linkGroup(), e.get("hl").linkGroup());
        assertTrue(Files.isDirectory(cache.layers().resolve(again.digest().hex())));
    }
}
