package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names given by their bytes, and what independent tools ({@code find}, {@code unsquashfs}) say a tree or an image
 * holds, as unambiguous text: every byte that is not UTF-8 escaped, so that equal texts mean equal bytes.
 */
final class NameBytes {

    private NameBytes() {
    }

    /** The name whose bytes are {@code hex}, '/' between names: {@code 61ff/62} is {@code a\xff/b}. */
    static String name(String hex) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] names = hex.split("/");
        for (int i = 0; i < names.length; i++) {
            b.writeBytes(i == 0 ? new byte[0] : new byte[] {'/'});
            b.writeBytes(HexFormat.of().parseHex(names[i]));
        }
        return FileNames.decode(b.toByteArray());
    }

    /** {@code text}'s bytes as readable, unambiguous text. */
    static String shown(String text) {
        return ControlCharacters.escapedUnambiguously(text);
    }

    /** Makes {@code tree}: each path's bytes in hex, mapped to "dir", "file" or "-> TARGET" (the target in hex). */
    static Path make(Path tree, Map<String, String> entries) throws IOException {
        Files.createDirectories(tree);
        for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
            Path path = FileNames.resolve(tree, name(e.getKey()));
            if (e.getValue().equals("dir")) {
                Files.createDirectory(path);
            } else if (e.getValue().startsWith("-> ")) {
                Files.createSymbolicLink(path, FileNames.path(name(e.getValue().substring(3))));
            } else {
                Files.writeString(path, "made as " + e.getKey());
            }
        }
        return tree;
    }

    /** What {@code entries} should look like to {@link #find}, below {@code prefix} (a text path, or ""). */
    static Map<String, String> expected(String prefix, Map<String, String> entries) {
        Map<String, String> expected = new TreeMap<>();
        entries.forEach((path, kind) -> expected.put(shown(prefix + name(path)),
                kind.startsWith("-> ") ? shown(name(kind.substring(3))) : ""));
        return expected;
    }

    /** Every path below {@code dir} ({@code find -printf %P}), with its symlink target ({@code %l}). */
    static Map<String, String> find(Path dir) throws IOException, InterruptedException {
        List<String> fields = split(run("find", dir.toString(), "-mindepth", "1", "-printf", "%P\\0%l\\0"), (byte) 0);
        Map<String, String> found = new TreeMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            found.put(fields.get(i), fields.get(i + 1));
        }
        return found;
    }

    /** Every path {@code unsquashfs -ls} lists, without its {@code squashfs-root/} prefix. */
    static List<String> unsquashfsList(Path image) throws IOException, InterruptedException {
        List<String> paths = new ArrayList<>();
        for (String line : split(run("unsquashfs", "-ls", image.toString()), (byte) '\n')) {
            if (line.startsWith("squashfs-root/")) {
                paths.add(line.substring("squashfs-root/".length()));
            }
        }
        return paths;
    }

    /** {@code tree} as GNU tar writes it in PAX format, owned by root, entries sorted by name. */
    static byte[] tar(Path tree) throws IOException, InterruptedException {
        return run("tar", "--format=pax", "--sort=name", "--owner=0", "--group=0", "--numeric-owner",
                "--mtime=@0", "-C", tree.toString(), "-cf", "-", ".");
    }

    /** Extracts {@code image} with {@code unsquashfs -d} into {@code out}. */
    static Path unsquashfs(Path image, Path out) throws IOException, InterruptedException {
        run("unsquashfs", "-no-progress", "-d", out.toString(), image.toString());
        return out;
    }

    private static List<String> split(byte[] output, byte separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == separator) {
                parts.add(shown(FileNames.decode(output, start, i - start)));
                start = i + 1;
            }
        }
        return parts;
    }

    private static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
