package dev.portajava.squashfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Trees whose every byte, mode and time is fixed, so that the images written of them can be pinned by digest.
 * Owners are not set here: the images take theirs from the options or from explicit overrides.
 */
final class GoldenTrees {

    static final int BLOCK = 128 * 1024;

    private GoldenTrees() {
    }

    /**
     * Every kind of entry the writer handles: a big file with compressible, random and zero (sparse) blocks, a file
     * with a hole, files on and around the block size, duplicates, hard links, empty files, symlinks (relative,
     * absolute, long), a FIFO, setuid, setgid and sticky bits, a directory of 600 entries (several runs and an
     * index), distinct times everywhere.
     */
    static Path features(Path root) throws IOException, InterruptedException {
        Random random = new Random(20240611);
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        byte[] big = new byte[8 * BLOCK + 12345];
        random.nextBytes(big);
        for (int i = 0; i < 3 * BLOCK; i++) {
            big[i] = (byte) ("squashfs golden ".charAt(i % 16) + i / 50000);
        }
        java.util.Arrays.fill(big, 4 * BLOCK, 6 * BLOCK, (byte) 0);
        Files.write(bin.resolve("big"), big);
        Files.write(bin.resolve("big-copy"), big);
        Path lib = Files.createDirectories(root.resolve("usr/lib"));
        try (RandomAccessFile hole = new RandomAccessFile(lib.resolve("holes").toFile(), "rw")) {
            hole.setLength(5L * BLOCK + 100);
            hole.seek(2L * BLOCK + 7);
            hole.write("data in the middle of a hole".getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(lib.resolve("exact-block"), text(BLOCK, "exactly one block\n"));
        Files.write(lib.resolve("block-minus-one"), text(BLOCK - 1, "one byte short\n"));
        Files.write(lib.resolve("block-plus-one"), text(BLOCK + 1, "one byte over\n"));
        Files.createLink(lib.resolve("link-to-big"), bin.resolve("big"));
        Path doc = Files.createDirectories(root.resolve("usr/share/doc"));
        Files.writeString(doc.resolve("a.txt"), "a small text\n");
        Files.writeString(doc.resolve("b.txt"), "a small text\n");
        Files.createLink(doc.resolve("c.txt"), doc.resolve("a.txt"));
        Files.createLink(doc.resolve("d.txt"), doc.resolve("a.txt"));
        Files.createFile(doc.resolve("empty-1"));
        Files.createFile(doc.resolve("empty-2"));
        byte[] noise = new byte[3000];
        random.nextBytes(noise);
        Files.write(doc.resolve("noise"), noise);
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("big"));
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(lib.resolve("absolute"), Path.of("/usr/share/doc/a.txt"));
        Files.createSymbolicLink(lib.resolve("long"), Path.of("x/".repeat(100) + "end"));
        Files.createSymbolicLink(lib.resolve("dangling"), Path.of("../nowhere"));
        Path wide = Files.createDirectories(root.resolve("var/wide"));
        for (int i = 0; i < 600; i++) {
            Path p = wide.resolve("entry-" + i + (i % 5 == 0 ? "-é" : ""));
            if (i % 3 == 0) {
                Files.write(p, text(10 + i, "w" + i + " "));
            } else {
                Files.createFile(p);
            }
        }
        Path run = Files.createDirectories(root.resolve("run"));
        Process fifo = new ProcessBuilder("mkfifo", run.resolve("fifo").toString()).inheritIO().start();
        if (fifo.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        mode(tmp, 01777);
        mode(bin.resolve("big"), 04755);
        mode(lib.resolve("exact-block"), 02750);
        mode(doc, 0700);
        mode(doc.resolve("noise"), 0600);
        times(root, random);
        return root;
    }

    /** Directories and distinct files only: no duplicates, links or symlinks. */
    static Path plain(Path root) throws IOException {
        Random random = new Random(99);
        for (int d = 0; d < 6; d++) {
            Path dir = Files.createDirectories(root.resolve("dir-" + d).resolve("sub-" + d));
            for (int f = 0; f < 12; f++) {
                int size = switch (f % 4) {
                    case 0 -> 100 + f;
                    case 1 -> 5000 + d;
                    case 2 -> BLOCK + 1000 * d;
                    default -> 3 * BLOCK + f;
                };
                byte[] bytes = f % 2 == 0 ? text(size, "plain " + d + "/" + f + "\n") : new byte[size];
                if (f % 2 != 0) {
                    random.nextBytes(bytes);
                }
                Files.write(dir.resolve("file-" + f), bytes);
            }
        }
        times(root, random);
        return root;
    }

    private static byte[] text(int size, String line) {
        byte[] unit = line.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = unit[i % unit.length];
        }
        return b;
    }

    private static void mode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** A time for every entry, deepest first so that no later change moves a directory's time. */
    private static void times(Path root, Random random) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(all::add);
        }
        all.sort(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Path::toString));
        for (Path p : all) {
            long seconds = 1_000_000_000L + random.nextInt(1 << 30);
            if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                touch(p, seconds); // Java opens a file to set its times, and opening a FIFO waits for a writer
                continue;
            }
            FileTime time = FileTime.fromMillis(seconds * 1000);
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, time, null);
        }
    }

    private static void touch(Path p, long seconds) throws IOException {
        try {
            Process touch = new ProcessBuilder("touch", "-h", "-d", "@" + seconds, p.toString()).inheritIO().start();
            if (touch.waitFor() != 0) {
                throw new IOException("touch failed on " + p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
