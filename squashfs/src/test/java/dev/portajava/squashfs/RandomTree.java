package dev.portajava.squashfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Directory trees generated from a seed: unicode names, a deep path, files of every interesting size (empty, one
 * byte, exactly on block boundaries, with zero blocks), duplicates, hard links, symlinks, random modes, owners and
 * times. The same seed gives the same tree.
 */
final class RandomTree {

    private static final String[] ALPHABET = {"a", "b", "z", "A", "0", "9", "-", "_", ".", " ", "é", "ß", "Ж", "λ",
        "日本", "中", "😀", "🚀", "ü", "ñ", "~", "+", "=", "@", "#", "%", "(", ")"};
    private static final int[] FILE_MODES = {0644, 0600, 0755, 0700, 0444, 0640, 0777, 0400};
    private static final int[] DIR_MODES = {0755, 0700, 0750, 0555, 0775};
    private static final int[] IDS = {0, 1, 100, 1000, 65534, 123456};

    private final Random random;
    private final Path root;
    private final int blockSize;
    private final boolean owners;
    private final List<Path> dirs = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Path> all = new ArrayList<>();

    private RandomTree(Path root, long seed, int blockSize) {
        this.random = new Random(seed);
        this.root = root;
        this.blockSize = blockSize;
        this.owners = isRoot();
    }

    /** Makes a tree of about {@code entries} entries under {@code root}, which must exist and be empty. */
    static Path generate(Path root, long seed, int entries, int blockSize) throws IOException {
        RandomTree tree = new RandomTree(root, seed, blockSize);
        tree.dirs.add(root);
        tree.deepPath();
        for (int i = 0; i < entries; i++) {
            tree.entry();
        }
        tree.finish();
        return root;
    }

    /** One directory with {@code count} entries, mostly empty files, some small ones and subdirectories. */
    static Path wide(Path root, long seed, int count) throws IOException {
        RandomTree tree = new RandomTree(root, seed, 4096);
        Path dir = Files.createDirectory(root.resolve("wide-日本"));
        for (int i = 0; i < count; i++) {
            Path p = dir.resolve("entry-" + Integer.toString(i, 36) + (i % 7 == 0 ? "-é" : ""));
            if (i % 1000 == 0) {
                Files.createDirectory(p);
            } else if (i % 10 == 0) {
                Files.write(p, tree.bytes(1 + tree.random.nextInt(200)));
            } else {
                Files.createFile(p);
            }
        }
        return root;
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/"), "unix:uid"))
                    && "root".equals(System.getProperty("user.name"));
        } catch (IOException e) {
            return false;
        }
    }

    private void deepPath() throws IOException {
        Path p = root;
        for (int i = 0; i < 40; i++) {
            p = Files.createDirectory(p.resolve("deep-" + i + "-" + name(10)));
            dirs.add(p);
            all.add(p);
        }
        Path file = Files.write(p.resolve("bottom.txt"), "the bottom\n".getBytes(StandardCharsets.UTF_8));
        files.add(file);
        all.add(file);
    }

    private void entry() throws IOException {
        Path dir = dirs.get(random.nextInt(dirs.size()));
        Path path = unique(dir);
        int kind = random.nextInt(100);
        if (kind < 15) {
            Files.createDirectory(path);
            dirs.add(path);
        } else if (kind < 25) {
            Files.createSymbolicLink(path, Path.of(random.nextBoolean() && !all.isEmpty()
                    ? root.relativize(all.get(random.nextInt(all.size()))).toString() : name(1 + random.nextInt(60))));
        } else if (kind < 31 && !files.isEmpty()) {
            Files.createLink(path, files.get(random.nextInt(files.size())));
            return; // a hard link shares the attributes of its file
        } else if (kind < 37 && !files.isEmpty()) {
            Files.copy(files.get(random.nextInt(files.size())), path);
            files.add(path);
        } else {
            Files.write(path, bytes(size()));
            files.add(path);
        }
        all.add(path);
    }

    private int size() {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> blockSize;
            case 3 -> blockSize - 1;
            case 4 -> blockSize + 1;
            case 5 -> 3 * blockSize;
            case 6 -> 2 * blockSize + random.nextInt(blockSize);
            case 7 -> -3 * blockSize; // three blocks, the middle one zeros
            default -> random.nextInt(random.nextBoolean() ? 600 : 5000);
        };
    }

    private byte[] bytes(int size) {
        if (size < 0) {
            byte[] b = new byte[-size];
            for (int i = 0; i < b.length; i++) {
                b[i] = i / blockSize == 1 ? 0 : (byte) random.nextInt(4);
            }
            return b;
        }
        byte[] b = new byte[size];
        if (random.nextBoolean()) {
            random.nextBytes(b);
        } else {
            byte[] text = ("line " + random.nextInt(100) + " of some compressible text\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < size; i++) {
                b[i] = text[i % text.length];
            }
        }
        return b;
    }

    private Path unique(Path dir) {
        Set<String> taken = new HashSet<>();
        try (var list = Files.list(dir)) {
            list.forEach(p -> taken.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String n;
        do {
            n = name(1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12));
        } while (taken.contains(n) || n.equals(".") || n.equals("..") || n.getBytes(StandardCharsets.UTF_8).length > 255);
        return dir.resolve(n);
    }

    private String name(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** Modes, owners and times, deepest entries first so a directory's time is set after its contents change. */
    private void finish() throws IOException {
        List<Path> ordered = new ArrayList<>(all);
        ordered.add(root);
        ordered.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path p : ordered) {
            boolean link = Files.isSymbolicLink(p);
            if (!link) {
                int[] modes = Files.isDirectory(p) ? DIR_MODES : FILE_MODES;
                Files.setAttribute(p, "unix:mode", modes[random.nextInt(modes.length)], LinkOption.NOFOLLOW_LINKS);
            }
            // drawn whoever runs the tests, so that the same seed gives the same modes and times
            int uid = IDS[random.nextInt(IDS.length)];
            int gid = IDS[random.nextInt(IDS.length)];
            if (owners) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
            FileTime time = FileTime.fromMillis((random.nextLong() & 0xFFFF_FFFFL) * 1000);
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, time, null);
        }
    }

    @Override
    public String toString() {
        return root + " " + Arrays.toString(new int[] {dirs.size(), files.size(), all.size()});
    }
}
