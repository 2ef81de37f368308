package dev.portajava.squashfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portajava.tree.Content;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanEntry;
import dev.portajava.tree.Xattrs;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extended attributes, judged by squashfs-tools and attr: our images extracted by {@code unsquashfs} carry the
 * plan's xattrs as {@code getfattr} reads them, and our reader reads the xattrs of images mksquashfs made from a
 * tree whose xattrs {@code setfattr} set. Setting trusted.* and security.* takes root (as the tests run in CI).
 */
class XattrTest {

    @TempDir
    Path temp;

    @BeforeEach
    void judges() {
        boolean root = RandomTree.isRoot();
        assumeTrue(root, "only root sets trusted.* and security.* xattrs (the README's test command runs them as root)");
        for (String tool : List.of("unsquashfs", "mksquashfs", "getfattr", "setfattr")) {
            assertTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is a judge (scripts/provision.sh)");
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_planWithXattrs_unsquashfsExtractsThemAsPlanned(Compression compression) throws Exception {
        ImagePlan plan = planWithXattrs();
        Path image = temp.resolve("ours.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(compression).withBlockSize(4096))
                .write(plan, image);

        Path extracted = temp.resolve("extracted");
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), image.toString()));
        Map<String, Map<String, String>> expected = expected(plan);
        assertEquals(expected, getfattr(extracted));
        try (SquashfsImage read = SquashfsImage.open(image)) {
            assertEquals(expected, xattrs(read));
        }
        // the listing still matches what a tree of these entries gives
        String listing = TreeDescription.run(List.of("unsquashfs", "-lln", image.toString()));
        assertEquals(plan.size(), listing.lines().count());
    }

    @Test
    void read_mksquashfsImageWithXattrs_readsWhatSetfattrSet() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Map<String, Map<String, String>> set = new TreeMap<>();
        Path dir = Files.createDirectories(tree.resolve("etc/conf.d"));
        setfattr(set, tree, dir, "user.role", "configuration".getBytes(UTF_8));
        for (int i = 0; i < 40; i++) {
            Path file = Files.writeString(dir.resolve("file-" + i), "content " + i);
            // the same long value on many files: mksquashfs stores it once, the others refer to it out of line
            setfattr(set, tree, file, "user.shared", "a value long enough to be shared by reference".getBytes(UTF_8));
            setfattr(set, tree, file, "user.own", ("value " + i).getBytes(UTF_8));
            if (i % 4 == 0) {
                setfattr(set, tree, file, "trusted.md5", new byte[] {1, 2, (byte) i});
            }
        }
        Path ping = Files.write(Files.createDirectories(tree.resolve("usr/bin")).resolve("ping"), new byte[100]);
        setfattr(set, tree, ping, "security.capability",
                HexFormat.of().parseHex("0100000200200000000000000000000000000000"));
        Files.createSymbolicLink(tree.resolve("link"), Path.of("usr/bin/ping"));
        setfattr(set, tree, tree.resolve("link"), "trusted.on-a-link", new byte[] {9});
        Path big = Files.createFile(tree.resolve("big-value"));
        byte[] large = new byte[3000]; // ext4 keeps a file's xattrs in one 4 KiB block
        new Random(4).nextBytes(large);
        setfattr(set, tree, big, "user.large", large);
        assertEquals(set, getfattr(tree), "setfattr set what getfattr reads");

        for (Compression compression : Compression.values()) {
            Path image = temp.resolve("mksquashfs-" + compression.label() + ".sqfs");
            TreeDescription.run(List.of("mksquashfs", tree.toString(), image.toString(), "-quiet", "-no-progress",
                    "-comp", compression.label(), "-xattrs"));
            try (SquashfsImage read = SquashfsImage.open(image)) {
                assertEquals(set, xattrs(read), compression.label());
            }
        }
    }

    @Test
    void write_hostTree_storesUserXattrsOnlyWhenAsked() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Path file = Files.writeString(tree.resolve("file"), "with an xattr");
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).write("origin",
                ByteBuffer.wrap("host".getBytes(UTF_8)));
        Path plain = temp.resolve("plain.sqfs");
        Path withXattrs = temp.resolve("xattrs.sqfs");
        SquashfsOptions options = SquashfsOptions.defaults().withOwner(0).withTime(0);
        SquashfsWriter.of(options).write(tree, plain);
        SquashfsWriter.of(options.withHostXattrs(true)).write(tree, withXattrs);
        try (SquashfsImage read = SquashfsImage.open(plain)) {
            assertEquals(Map.of(), xattrs(read));
        }
        Map<String, Map<String, String>> expected = Map.of("/file", Map.of("user.origin", hex("host".getBytes(UTF_8))));
        try (SquashfsImage read = SquashfsImage.open(withXattrs)) {
            assertEquals(expected, xattrs(read));
        }
        Path extracted = temp.resolve("extracted");
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), withXattrs.toString()));
        assertEquals(expected, getfattr(extracted));
    }

    /** A value as large as Linux allows (64 KiB) spans metadata blocks; ext4 could not hold it: our reader judges. */
    @Test
    void write_largestValue_isReadBack() throws Exception {
        byte[] largest = new byte[Xattrs.MAX_VALUE_BYTES];
        new Random(5).nextBytes(largest);
        Xattrs xattrs = Xattrs.NONE.with("user.largest", largest).with("user.after", bytes("after"));
        ImagePlan plan = ImagePlan.builder().put(file("/f", "f").withXattrs(xattrs)).build();
        Path image = temp.resolve("largest.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.LZ4)).write(plan, image);
        try (SquashfsImage read = SquashfsImage.open(image)) {
            assertEquals(xattrs, read.lookup("/f").orElseThrow().xattrs());
        }
        String listing = TreeDescription.run(List.of("unsquashfs", "-lln", image.toString()));
        assertEquals(2, listing.lines().count());
    }

    /**
     * Attributes on a directory, files (one set shared by two, large values whose pairs cross metadata blocks), a
     * hard link, a symlink, a FIFO and a device node; 600 sets of their own, so that the id table takes two
     * metadata blocks.
     */
    static ImagePlan planWithXattrs() throws Exception {
        ImagePlan.Builder plan = ImagePlan.builder();
        ImagePath etc = ImagePath.of("/etc");
        plan.put(PlanEntry.directory(etc, 0755, 0, 0, 100).withXattrs(Xattrs.NONE.with("user.dir", bytes("d"))));
        Xattrs shared = Xattrs.NONE.with("user.a", bytes("alpha")).with("trusted.t", new byte[] {0, 1, 2})
                .with("security.capability", HexFormat.of().parseHex("0100000200200000000000000000000000000000"));
        plan.put(file("/etc/one", "one").withXattrs(shared));
        plan.put(file("/etc/two", "two").withXattrs(shared));
        plan.hardLink(ImagePath.of("/etc/one"), ImagePath.of("/etc/one-again"));
        Random random = new Random(3);
        for (int i = 0; i < 4; i++) {
            byte[] large = new byte[3000]; // ext4, where unsquashfs extracts them, keeps a file's xattrs in 4 KiB
            random.nextBytes(large);
            plan.put(file("/etc/large-" + i, "large").withXattrs(Xattrs.NONE.with("user.large", large)
                    .with("user.empty", new byte[0])));
        }
        plan.put(PlanEntry.symlink(ImagePath.of("/etc/link"), "one", 0, 0, 0)
                .withXattrs(Xattrs.NONE.with("trusted.link", bytes("l"))));
        plan.put(PlanEntry.special(ImagePath.of("/dev/fifo"), EntryType.FIFO, 0600, 0, 0, 0, 0)
                .withXattrs(Xattrs.NONE.with("trusted.fifo", bytes("f"))));
        plan.put(PlanEntry.special(ImagePath.of("/dev/null"), EntryType.CHAR_DEVICE, 0666, 0, 0, 0, 0x0103)
                .withXattrs(Xattrs.NONE.with("security.label", bytes("null"))));
        for (int i = 0; i < 600; i++) {
            plan.put(file("/many/f" + i, "f" + i).withXattrs(Xattrs.NONE.with("user.n", bytes(Integer.toString(i)))));
        }
        plan.put(file("/plain", "no xattrs"));
        return plan.build();
    }

    private static PlanEntry file(String path, String content) {
        return PlanEntry.file(ImagePath.of(path), 0644, 0, 0, 0, new Content.Inline(bytes(content)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String hex(byte[] value) {
        return "0x" + HexFormat.of().formatHex(value);
    }

    /** Each path with attributes, to its names and values in hex, as getfattr prints them. */
    private static Map<String, Map<String, String>> expected(ImagePlan plan) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        plan.walk(e -> {
            if (!e.xattrs().isEmpty()) {
                Map<String, String> values = new TreeMap<>();
                e.xattrs().forEach((name, value) -> values.put(name, hex(value)));
                all.put(e.path().toString(), values);
            }
        });
        return all;
    }

    private static Map<String, Map<String, String>> xattrs(SquashfsImage image) throws SquashfsException {
        Map<String, Map<String, String>> all = new TreeMap<>();
        image.walk(e -> {
            if (!e.xattrs().isEmpty()) {
                Map<String, String> values = new TreeMap<>();
                e.xattrs().forEach((name, value) -> values.put(name, hex(value)));
                all.put(e.path(), values);
            }
            return true;
        });
        return all;
    }

    private static void setfattr(Map<String, Map<String, String>> set, Path tree, Path file, String name,
            byte[] value) throws Exception {
        TreeDescription.run(List.of("setfattr", "-h", "-n", name, "-v", hex(value), file.toString()));
        set.computeIfAbsent("/" + tree.relativize(file), k -> new TreeMap<>()).put(name, hex(value));
    }

    /** getfattr's view of a tree: every entry, symlinks not followed, all namespaces, values in hex. */
    static Map<String, Map<String, String>> getfattr(Path root) throws Exception {
        String out = TreeDescription.run(List.of("getfattr", "-R", "-P", "-h", "-d", "-m", "-", "-e", "hex",
                "--absolute-names", root.toString()));
        Map<String, Map<String, String>> all = new TreeMap<>();
        String path = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("# file: ")) {
                String file = line.substring("# file: ".length());
                path = file.equals(root.toString()) ? "/" : file.substring(root.toString().length());
            } else if (!line.isBlank()) {
                int eq = line.indexOf('=');
                String value = eq < 0 ? "0x" : line.substring(eq + 1);
                all.computeIfAbsent(path, k -> new TreeMap<>()).put(eq < 0 ? line : line.substring(0, eq), value);
            }
        }
        return all;
    }
}
