package dev.portajava.squashfs;

import dev.portajava.tree.EntryType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A tree as sorted lines, one per entry: path, type, permissions, owner, time, size, symlink target, a digest of
 * the contents and the first path of its hard-link group. Trees on disk and images described alike compare equal.
 */
final class TreeDescription {

    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TreeDescription() {
    }

    static List<String> of(Path root, boolean owners) throws IOException {
        List<String[]> lines = new ArrayList<>();
        Map<Object, String> inodes = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                add(dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                add(file, attrs);
                return FileVisitResult.CONTINUE;
            }

            private void add(Path p, BasicFileAttributes attrs) throws IOException {
                Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                String path = "/" + root.relativize(p).toString();
                String type = attrs.isDirectory() ? "d" : attrs.isSymbolicLink() ? "l" : "f";
                String target = attrs.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : "";
                String digest = attrs.isRegularFile() ? digest(Files.newInputStream(p)) : "";
                Object key = attrs.isRegularFile() ? attrs.fileKey() : path;
                inodes.merge(key, path, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                lines.add(new String[] {line(path.equals("/") ? "/" : path, type, (Integer) unix.get("mode") & 07777,
                        owners ? unix.get("uid") + ":" + unix.get("gid") : "-", attrs.lastModifiedTime().toMillis() / 1000,
                        attrs.isDirectory() ? 0 : attrs.size(), target, digest, ""), key.toString()});
            }
        });
        return linked(lines, inodes);
    }

    /** Each line ends with the first path, in sorted order, of the entries sharing its inode. */
    private static List<String> linked(List<String[]> lines, Map<?, String> inodes) {
        Map<String, String> byKey = new HashMap<>();
        inodes.forEach((k, v) -> byKey.put(k.toString(), v));
        List<String> result = new ArrayList<>();
        for (String[] l : lines) {
            result.add(l[0] + (l[0].split("\\|", -1)[1].equals("f") ? byKey.get(l[1]) : ""));
        }
        result.sort(null);
        return result;
    }

    static List<String> of(SquashfsImage image, boolean owners) throws SquashfsException {
        List<String[]> lines = new ArrayList<>();
        Map<Long, String> inodes = new HashMap<>();
        image.walk(e -> {
            String type = e.isDirectory() ? "d" : e.type() == EntryType.SYMLINK ? "l" : "f";
            String digest = "";
            if (e.isFile()) {
                try {
                    digest = digest(image.open(e));
                } catch (IOException x) {
                    throw new SquashfsException(x.getMessage(), x);
                }
            }
            inodes.merge(e.inodeNumber(), e.path(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            lines.add(new String[] {line(e.path(), type, e.permissions(), owners ? e.uid() + ":" + e.gid() : "-",
                    e.mtime(), e.isDirectory() ? 0 : e.size(), e.symlinkTarget().orElse(""), digest, ""),
                    Long.toString(e.inodeNumber())});
            return true;
        });
        return linked(lines, inodes);
    }

    /** {@code unsquashfs -lln -UTC}'s view of a tree on disk: permissions string, uid/gid, size, minute, path. */
    static List<String> listing(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                add(dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                add(file, attrs);
                return FileVisitResult.CONTINUE;
            }

            private void add(Path p, BasicFileAttributes attrs) throws IOException {
                Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                String rel = root.relativize(p).toString();
                String name = "squashfs-root" + (rel.isEmpty() ? "" : "/" + rel);
                if (attrs.isSymbolicLink()) {
                    name += " -> " + Files.readSymbolicLink(p);
                }
                lines.add(listingLine(perms(attrs, (Integer) unix.get("mode")), unix.get("uid") + "/" + unix.get("gid"),
                        attrs.isDirectory() ? "-" : Long.toString(attrs.size()),
                        MINUTES.format(attrs.lastModifiedTime().toInstant()), name));
            }
        });
        lines.sort(null);
        return lines;
    }

    /** Parses {@code unsquashfs -lln} output into the lines {@link #listing} makes (directory sizes left out). */
    static List<String> parseListing(String output) {
        List<String> lines = new ArrayList<>();
        for (String l : output.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split(" +", 6);
            lines.add(listingLine(parts[0], parts[1], parts[0].startsWith("d") ? "-" : parts[2],
                    parts[3] + " " + parts[4], parts[5]));
        }
        lines.sort(null);
        return lines;
    }

    private static String listingLine(String perms, String owner, String size, String time, String name) {
        return String.join("|", name, perms, owner, size, time);
    }

    private static String perms(BasicFileAttributes attrs, int mode) {
        String type = attrs.isDirectory() ? "d" : attrs.isSymbolicLink() ? "l" : "-";
        StringBuilder b = new StringBuilder(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return b.toString();
    }

    private static String line(String path, String type, int perms, String owner, long mtime, long size, String target,
            String digest, String link) {
        return String.join("|", path, type, Integer.toOctalString(perms), owner,
                Instant.ofEpochSecond(mtime).toString(), Long.toString(size), target, digest, link);
    }

    /** Fails with the first few lines only one side has, rather than both whole lists. */
    static void assertSame(List<String> expected, List<String> actual, String what) {
        java.util.Set<String> missing = new java.util.TreeSet<>(expected);
        actual.forEach(missing::remove);
        java.util.Set<String> extra = new java.util.TreeSet<>(actual);
        expected.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty() || expected.size() != actual.size()) {
            throw new AssertionError(what + ": " + expected.size() + " expected, " + actual.size() + " found; missing "
                    + missing.stream().limit(3).toList() + "; unexpected " + extra.stream().limit(3).toList());
        }
    }

    static String digest(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the test when one of squashfs-tools, the judges, is missing: it fails with {@code CI=true}, where
     * scripts/provision.sh has installed them, and is skipped elsewhere.
     */
    static void requireTool(String name) {
        if (Files.isExecutable(Path.of("/usr/bin", name))) {
            return;
        }
        String why = name + " is not installed (scripts/provision.sh installs squashfs-tools)";
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(why);
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /**
     * Runs a judge with umask 0: run by a user without privileges, {@code unsquashfs -d} takes the umask off the
     * modes it extracts, so the caller's umask would decide the outcome.
     */
    static String run(List<String> command) throws IOException, InterruptedException {
        List<String> shell = new ArrayList<>(List.of("sh", "-c", "umask 0 && exec \"$@\"", "sh"));
        shell.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(shell).redirectErrorStream(true);
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }
}
