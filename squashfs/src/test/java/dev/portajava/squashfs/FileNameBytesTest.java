package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Content;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that are not UTF-8 go into an image and out of it byte for byte: squashfs-tools judge what the writer
 * wrote, and the reader reads them back from the writer's image and from mksquashfs's.
 */
class FileNameBytesTest {

    /** Each entry's name bytes (hex, '/' between names) and, for a symlink, its target's bytes. */
    private static final Map<String, String> TREE = new TreeMap<>(Map.of(
            "61ff", "",
            "61fe", "",
            "636166c3a9", "",
            "64fd", "",
            "64fd/78c080", "",
            "6cfc", "64fd/78c080"));

    @TempDir
    Path temp;

    @Test
    void write_nonUtf8Names_unsquashfsListsAndExtractsTheirBytes() throws Exception {
        Path tree = tree();
        Path image = temp.resolve("ours.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);

        List<String> listed = new ArrayList<>();
        for (String line : lines(run("unsquashfs", "-ls", image.toString()), (byte) '\n')) {
            if (line.startsWith("squashfs-root/")) {
                listed.add(line.substring("squashfs-root/".length()));
            }
        }
        assertEquals(new TreeSet<>(expected().keySet()), new TreeSet<>(listed));

        Path out = temp.resolve("out");
        run("unsquashfs", "-no-progress", "-d", out.toString(), image.toString());
        assertEquals(expected(), found(out));
        assertEquals("content of 61ff", Files.readString(FileNames.resolve(out, name("61ff"))));
        assertEquals("content of 61fe", Files.readString(FileNames.resolve(out, name("61fe"))));
    }

    @Test
    void read_nonUtf8Names_givesTheirBytesFromOursAndMksquashfsImages() throws Exception {
        Path tree = tree();
        Path ours = temp.resolve("ours.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, ours);
        Path theirs = temp.resolve("theirs.sqfs");
        run("mksquashfs", tree.toString(), theirs.toString(), "-noappend", "-all-root", "-quiet", "-no-progress");
        for (Path image : List.of(ours, theirs)) {
            Map<String, String> read = new TreeMap<>();
            try (SquashfsImage squashfs = SquashfsImage.open(image)) {
                squashfs.walk(e -> {
                    if (!e.path().equals("/")) {
                        read.put(printable(FileNames.encode(e.path().substring(1))),
                                printable(FileNames.encode(e.symlinkTarget().orElse(""))));
                    }
                    return true;
                });
                SquashfsEntry file = squashfs.lookup("/" + name("61fe")).orElseThrow();
                assertEquals("content of 61fe", new String(squashfs.readAllBytes(file, 100), StandardCharsets.UTF_8));
            }
            assertEquals(expected(), read, image.toString());
        }
    }

    @Test
    void write_planOfNamesFromEveryByteRange_listsAsMksquashfsSortsThem() throws Exception {
        // by their bytes: 7e < 80 < c3a9 < efbdbe < f09f9880 < ff; as Java chars the order is another
        List<String> names = List.of("61ff", "61f09f9880", "61efbdbe", "61c3a9", "6180", "617e");
        ImagePlan.Builder plan = ImagePlan.builder();
        plan.put(PlanEntry.directory(ImagePath.ROOT, 0755, 0, 0, 0));
        Path tree = Files.createDirectory(temp.resolve("tree"));
        for (String hex : names) {
            for (String parent : List.of("", "6466/")) {
                Path host = FileNames.resolve(tree, name(parent + hex));
                Files.createDirectories(host.getParent());
                Files.writeString(host, "content of " + hex);
                Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rw-r--r--"));
                plan.put(PlanEntry.file(ImagePath.of(name(parent + hex)), 0644, 0, 0, 0,
                        new Content.Inline(("content of " + hex).getBytes(StandardCharsets.UTF_8))));
            }
        }
        plan.setPermissions(ImagePath.of("/df"), 0755).setMtime(ImagePath.of("/df"), 0);
        Files.setPosixFilePermissions(tree.resolve("df"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ours = temp.resolve("ours.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withTime(0)).write(plan.build(), ours);
        Path theirs = temp.resolve("theirs.sqfs");
        run("mksquashfs", tree.toString(), theirs.toString(), "-noappend", "-all-root", "-all-time", "0",
                "-mkfs-time", "0", "-no-xattrs", "-quiet", "-no-progress");

        List<String> listing = lines(run("unsquashfs", "-lln", theirs.toString()), (byte) '\n');
        assertEquals(listing, lines(run("unsquashfs", "-lln", ours.toString()), (byte) '\n'));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        List<String> top = new ArrayList<>();
        for (String line : listing) {
            int at = line.indexOf("squashfs-root/");
            if (at >= 0 && line.indexOf('/', at + "squashfs-root/".length()) < 0) {
                top.add(line.substring(at + "squashfs-root/".length()));
            }
        }
        List<String> expected = new ArrayList<>();
        for (String hex : sorted) {
            expected.add(printable(hexPath(hex)));
            if (hex.equals("61ff")) {
                expected.add(printable(hexPath("6466")));
            }
        }
        assertEquals(expected, top);
    }

    /** The tree, made with the names' bytes; a file's content says which name it was made under. */
    private Path tree() throws IOException {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        for (Map.Entry<String, String> e : TREE.entrySet()) {
            Path path = FileNames.resolve(tree, name(e.getKey()));
            if (!e.getValue().isEmpty()) {
                Files.createSymbolicLink(path, FileNames.path(name(e.getValue())));
            } else if (e.getKey().equals("64fd")) {
                Files.createDirectory(path);
            } else {
                Files.writeString(path, "content of " + e.getKey());
            }
        }
        return tree;
    }

    private static Map<String, String> expected() {
        Map<String, String> expected = new TreeMap<>();
        TREE.forEach((path, target) -> expected.put(printable(hexPath(path)), printable(hexPath(target))));
        return expected;
    }

    /** What {@code find} sees below {@code dir}: every path's bytes and its symlink target's. */
    private static Map<String, String> found(Path dir) throws IOException, InterruptedException {
        List<String> fields = lines(run("find", dir.toString(), "-mindepth", "1", "-printf", "%P\\0%l\\0"), (byte) 0);
        Map<String, String> found = new TreeMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            found.put(fields.get(i), fields.get(i + 1));
        }
        return found;
    }

    /** A name's text from its bytes in hex, names separated by '/'. */
    private static String name(String hexPath) {
        return FileNames.decode(hexPath(hexPath));
    }

    private static byte[] hexPath(String hexPath) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] names = hexPath.isEmpty() ? new String[0] : hexPath.split("/");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                b.write('/');
            }
            b.writeBytes(HexFormat.of().parseHex(names[i]));
        }
        return b.toByteArray();
    }

    /** Bytes as unambiguous text, so that assertions compare bytes and show them readably. */
    private static String printable(byte[] bytes) {
        return ControlCharacters.escapedUnambiguously(FileNames.decode(bytes));
    }

    private static List<String> lines(byte[] output, byte separator) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == separator) {
                byte[] line = new byte[i - start];
                System.arraycopy(output, start, line, 0, line.length);
                lines.add(printable(line));
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
