package dev.portajava.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Layers portajava must refuse, one per way a layer can be hostile or broken. The files under
 * {@code src/test/resources/hostile/} are what this class generates; regenerate them with
 * {@code java -cp … dev.portajava.oci.HostileCorpus oci/src/test/resources/hostile}.
 */
final class HostileCorpus {

    /** What refuses a layer. */
    enum Refusal {
        /** Unpacking: the layer is never cached. */
        UNPACK,
        /** Applying the layer on the tree below it: the layer was unpacked, and is removed from the cache. */
        APPLY,
        /** Not a readable tar: {@link OciException}, not {@link HostileLayerException}. */
        CORRUPT
    }

    /**
     * @param file the corpus file's name
     * @param readme what it holds, one line
     * @param policy the policy it is refused under
     * @param refusal when it is refused
     * @param entry the entry the message names; null for a corrupt layer
     * @param problem a part of the message
     */
    record Case(String file, String readme, Supplier<byte[]> bytes, LayerPolicy policy, Refusal refusal, String entry,
            String problem) {

        @Override
        public String toString() {
            return file;
        }
    }

    private static final LayerPolicy DEFAULTS = LayerPolicy.defaults();
    private static final String LONG = "x".repeat(120);

    private HostileCorpus() {
    }

    static List<Case> cases() {
        return List.of(
                unpack("absolute-name.tar", "a file named /canary",
                        () -> Tars.tar().file("/canary", "pwned").bytes(), "/canary", "the name is absolute"),
                unpack("dotdot-name.tar", "a file named ../canary",
                        () -> Tars.tar().file("../canary", "pwned").bytes(), "../canary", "'..' component"),
                unpack("dotdot-inside-name.tar", "a file named dir/../../canary",
                        () -> Tars.tar().dir("dir/").file("dir/../../canary", "pwned").bytes(), "dir/../../canary",
                        "'..' component"),
                unpack("nul-in-name.tar", "a GNU long name with a NUL in it, then /../canary",
                        () -> Tars.gnuTar().file(LONG + "\0/../canary", "pwned").bytes(), LONG + "\0/../canary",
                        "NUL character"),
                unpack("empty-name.tar", "a regular file named .", () -> Tars.tar().file(".", "pwned").bytes(), ".",
                        "the name is empty"),
                unpack("char-device.tar", "a character device dev/mem (1, 1)",
                        () -> Tars.tar().entry("dev/mem", TarConstants.LF_CHR, e -> {
                            e.setDevMajor(1);
                            e.setDevMinor(1);
                        }, null).bytes(), "dev/mem", "device nodes are not allowed in a portable image"),
                unpack("block-device.tar", "a block device dev/sda (8, 0)",
                        () -> Tars.tar().entry("dev/sda", TarConstants.LF_BLK, e -> e.setDevMajor(8), null).bytes(),
                        "dev/sda", "device nodes are not allowed in a portable image"),
                unpack("fifo.tar", "a FIFO run/fifo",
                        () -> Tars.tar().entry("run/fifo", TarConstants.LF_FIFO, e -> { }, null).bytes(), "run/fifo",
                        "FIFOs"),
                apply("setuid-file.tar", "usr/bin/su with mode 4755",
                        () -> Tars.tar().file("usr/bin/su", "su", 04755, 0, 0).bytes(), "usr/bin/su",
                        "the file has the setuid bit (mode 4755); keep setuid bits with allow-setuid = true"),
                apply("setgid-file.tar", "usr/bin/wall with mode 2755",
                        () -> Tars.tar().file("usr/bin/wall", "wall", 02755, 0, 5).bytes(), "usr/bin/wall",
                        "the file has the setgid bit (mode 2755)"),
                unpack("collision-double-slash.tar", "a/b, then a//b",
                        () -> Tars.tar().file("a/b", "1").file("a//b", "2").bytes(), "a//b",
                        "collides with the earlier entry 'a/b'"),
                unpack("collision-dot-prefix.tar", "./f, then f",
                        () -> Tars.tar().file("./f", "1").file("f", "2").bytes(), "f",
                        "collides with the earlier entry './f'"),
                unpack("collision-trailing-slash.tar", "the directory d/, then the file d",
                        () -> Tars.tar().dir("d/").file("d", "2").bytes(), "d", "collides with the earlier entry 'd/'"),
                unpack("collision-directory-metadata.tar", "the directory d/ (0755), then ./d/ (0700)",
                        () -> Tars.tar().dir("d/").dir("./d/", 0700, 0, 0).bytes(), "./d/",
                        "collides with the earlier entry 'd/'"),
                unpack("file-too-large.tar", "a file of 17 bytes",
                        () -> Tars.tar().file("big", "x".repeat(17)).bytes(),
                        new LayerPolicy(false, 16, 1 << 20, 100), "big", "more than the 16 a file may have"),
                unpack("layer-too-large.tar", "three files of 16 bytes",
                        () -> Tars.tar().file("a", "a".repeat(16)).file("b", "b".repeat(16))
                                .file("c", "c".repeat(16)).bytes(),
                        new LayerPolicy(false, 16, 32, 100), "c", "add up to more than 32 bytes"),
                unpack("whiteout-with-data.tar", "a whiteout carrying 64 bytes, which count towards the layer's size",
                        () -> Tars.tar().file(".wh.x", "w".repeat(64)).bytes(), new LayerPolicy(false, 16, 32, 100),
                        ".wh.x", "entries add up to more than 32 bytes"),
                unpack("too-many-entries.tar", "four entries",
                        () -> Tars.tar().dir("a/").dir("b/").dir("c/").dir("d/").bytes(),
                        new LayerPolicy(false, 16, 32, 3), "d/", "more than 3 entries"),
                unpack("path-too-long.tar", "a path of 17 components of 250 bytes",
                        () -> Tars.tar().file(longPath(), "x").bytes(), longPath(), "longer than 4096 bytes"),
                unpack("component-too-long.tar", "a name of 256 bytes",
                        () -> Tars.tar().file("a".repeat(256), "x").bytes(), "a".repeat(256),
                        "longer than 255 bytes"),
                unpack("symlink-target-nul.tar", "a symlink whose GNU long target has a NUL",
                        () -> Tars.gnuTar().symlink("link", "t\0" + LONG).bytes(), "link", "NUL character"),
                unpack("hardlink-escape.tar", "a hard link x to ../canary",
                        () -> Tars.tar().hardlink("x", "../canary").bytes(), "x", "'..' component"),
                unpack("hardlink-absolute.tar", "a hard link x to /etc/passwd",
                        () -> Tars.tar().hardlink("x", "/etc/passwd").bytes(), "x", "the name is absolute"),
                apply("hardlink-missing.tar", "a hard link x to nothing",
                        () -> Tars.tar().hardlink("x", "nothing").bytes(), "x", "'nothing' is not in the image"),
                apply("hardlink-to-directory.tar", "a hard link x to the directory d",
                        () -> Tars.tar().dir("d/").hardlink("x", "d").bytes(), "x", "'d' is a directory, not a regular file"),
                apply("hardlink-to-symlink.tar", "a hard link x to the symlink s -> f, after the file f",
                        () -> Tars.tar().file("f", "f").symlink("s", "f").hardlink("x", "s").bytes(), "x",
                        "'s' is a symlink, not a regular file"),
                apply("hardlink-before-target.tar", "a hard link x to y, then y",
                        () -> Tars.tar().hardlink("x", "y").file("y", "y").bytes(), "x", "'y' is not in the image"),
                apply("parent-is-a-file.tar", "the file f, then f/g",
                        () -> Tars.tar().file("f", "f").file("f/g", "g").bytes(), "f/g", "is not a directory"),
                apply("parent-is-a-symlink-to-a-file.tar", "the file f, l -> f, then l/g",
                        () -> Tars.tar().file("f", "f").symlink("l", "f").file("l/g", "g").bytes(), "l/g",
                        "is not a directory"),
                apply("symlink-loop.tar", "l -> l, then l/x",
                        () -> Tars.tar().symlink("l", "l").file("l/x", "x").bytes(), "l/x", "more than 40 symlinks"),
                unpack("whiteout-without-name.tar", "a whiteout named .wh.",
                        () -> Tars.tar().file(".wh.", "").bytes(), ".wh.", "does not name an entry"),
                unpack("whiteout-of-dot.tar", "a whiteout d/.wh.. (of d itself)",
                        () -> Tars.tar().file("d/.wh..", "").bytes(), "d/.wh..", "does not name an entry"),
                unpack("whiteout-as-directory.tar", "the file .wh.d/f",
                        () -> Tars.tar().file(".wh.d/f", "").bytes(), ".wh.d/f", "used as a directory"),
                unpack("owner-out-of-range.tar", "a file owned by uid 5000000000",
                        () -> Tars.tar().entry("f", TarConstants.LF_NORMAL, e -> e.setUserId(5_000_000_000L),
                                null).bytes(), "f", "out of range"),
                unpack("unsupported-type.tar", "an entry of tar type 'Z'",
                        () -> Tars.tar().entry("z", (byte) 'Z', e -> { }, null).bytes(), "z",
                        "tar entry type 'Z' is not supported"),
                corrupt("truncated.tar", "a tar cut in the middle of a file's content", HostileCorpus::truncatedTar,
                        "entry 'file'"),
                corrupt("truncated.tar.gz", "a tar.gz cut in half", () -> {
                    byte[] gz = Tars.gzip(bigTar());
                    return Arrays.copyOf(gz, gz.length / 2);
                }, "not a readable tar"),
                corrupt("corrupt.tar.gz", "a tar.gz with 16 bytes of its deflate stream overwritten", () -> {
                    byte[] gz = Tars.gzip(bigTar());
                    Arrays.fill(gz, 40, 56, (byte) 0xa5);
                    return gz;
                }, "not a readable tar"),
                corrupt("bad-header-checksum.tar", "a tar whose first header was changed after its checksum", () -> {
                    byte[] tar = Tars.tar().file("file", "x").bytes();
                    tar[0] = 'F';
                    return tar;
                }, "not a readable tar"),
                corrupt("not-a-tar.bin", "text, not a tar", () -> "this is not a tar archive\n".repeat(40)
                        .getBytes(StandardCharsets.UTF_8), "not a readable tar"),
                corrupt("trailing-data.tar.gz", "a tar followed by 2 MiB of zeros",
                        () -> {
                            byte[] tar = Tars.tar().file("f", "x").bytes();
                            return Tars.gzip(Arrays.copyOf(tar, tar.length + (2 << 20)));
                        }, "bytes after the end of its tar"));
    }

    private static Case unpack(String file, String readme, Supplier<byte[]> bytes, String entry, String problem) {
        return new Case(file, readme, bytes, DEFAULTS, Refusal.UNPACK, entry, problem);
    }

    private static Case unpack(String file, String readme, Supplier<byte[]> bytes, LayerPolicy policy, String entry,
            String problem) {
        return new Case(file, readme, bytes, policy, Refusal.UNPACK, entry, problem);
    }

    private static Case apply(String file, String readme, Supplier<byte[]> bytes, String entry, String problem) {
        return new Case(file, readme, bytes, DEFAULTS, Refusal.APPLY, entry, problem);
    }

    private static Case corrupt(String file, String readme, Supplier<byte[]> bytes, String problem) {
        return new Case(file, readme, bytes, DEFAULTS, Refusal.CORRUPT, null, problem);
    }

    private static String longPath() {
        return String.join("/", java.util.Collections.nCopies(17, "p".repeat(250)));
    }

    /** A tar with one file of 64 KiB that compresses well but not trivially. */
    private static byte[] bigTar() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < 65536) {
            text.append("word").append(random.nextInt(1000)).append(' ');
        }
        return Tars.tar().file("file", text.toString()).bytes();
    }

    private static byte[] truncatedTar() {
        byte[] tar = Tars.tar().file("file", "x".repeat(1000)).bytes();
        return Arrays.copyOf(tar, 512 + 300);
    }

    static String readme() {
        StringBuilder b = new StringBuilder("""
                # Hostile and broken layers

                Layer blobs portajava refuses, one per way a layer can be hostile or broken. Each is refused with a
                one-line message naming the layer's digest and, but for the unreadable ones, the entry. The test
                HostileCorpusTest checks each, and that nothing is written outside the cache; HostileCorpus
                generates them (regenerate with its main method).

                """);
        for (Case c : cases()) {
            b.append("- `").append(c.file()).append("`: ").append(c.readme());
            if (!c.policy().equals(DEFAULTS)) {
                b.append(" (policy: max file ").append(c.policy().maxFileSize()).append(" bytes, layer ")
                        .append(c.policy().maxTotalSize()).append(" bytes, ").append(c.policy().maxEntries())
                        .append(" entries)");
            }
            b.append(switch (c.refusal()) {
                case UNPACK -> "; refused while unpacking";
                case APPLY -> "; refused when applied";
                case CORRUPT -> "; refused as unreadable";
            });
            b.append('\n');
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Case c : cases()) {
            Files.write(dir.resolve(c.file()), c.bytes().get());
        }
        Files.writeString(dir.resolve("README.md"), readme());
    }
}
