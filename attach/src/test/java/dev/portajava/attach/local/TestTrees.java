package dev.portajava.attach.local;

import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Image and host trees for the native backend's tests, and a listing of a tree to compare. */
final class TestTrees {

    static final String STRICT = "[Service]\nTasksMax=4\n";

    private TestTrees() {
    }

    /** A directory image {@code app_VERSION} with os-release and the given units, each naming the version. */
    static Path imageWithOsRelease(Path dir, String version, String osRelease, String... units) throws IOException {
        Path image = dir.resolve("app_" + version);
        write(image.resolve("usr/lib/os-release"), osRelease);
        for (String unit : units) {
            write(image.resolve("usr/lib/systemd/system/" + unit),
                    "[Unit]\nDescription=" + unit + " version " + version + "\n\n[Service]\nExecStart=/bin/true\n");
        }
        return image;
    }

    static Path image(Path dir, String version, String... units) throws IOException {
        return imageWithOsRelease(dir, version, "ID=app\nVERSION_ID=" + version + "\nPORTABLE_PREFIXES=app\n", units);
    }

    /**
     * A directory extension image {@code dir/fileName}: {@code extension-release.RELEASE_NAME} holding {@code release},
     * and the given units, each naming the extension.
     */
    static Path extension(Path dir, String fileName, String releaseName, String release, String... units)
            throws IOException {
        Path image = dir.resolve(fileName);
        write(image.resolve("usr/lib/extension-release.d/extension-release." + releaseName), release);
        for (String unit : units) {
            write(image.resolve("usr/lib/systemd/system/" + unit),
                    "[Unit]\nDescription=" + unit + " from " + fileName + "\n\n[Service]\nExecStart=/bin/true\n");
        }
        return image;
    }

    /** A host root with systemd's strict profile and an /etc/os-release. */
    static Path host(Path dir) throws IOException {
        return host(dir, "host");
    }

    static Path host(Path dir, String name) throws IOException {
        Path root = dir.resolve(name);
        write(root.resolve("usr/lib/systemd/portable/profile/strict/service.conf"), STRICT);
        write(root.resolve("usr/lib/os-release"), "ID=debian\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
        return root;
    }

    /**
     * Whether {@code hostPath} names a regular file in the host tree {@code root}. Symlinks on the way are resolved
     * inside that tree, as its host sees them when it runs (an absolute target starts again at {@code root}), never
     * on the machine that runs the test.
     */
    static boolean isRegularFile(Path root, String hostPath) throws IOException {
        HostTree tree = HostTree.offline(root);
        Optional<String> resolved = InImagePaths.resolve(hostPath, path -> {
            Path onDisk = tree.onDisk(path);
            if (Files.isSymbolicLink(onDisk)) {
                return InImagePaths.Node.link(Files.readSymbolicLink(onDisk).toString());
            }
            return Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS) ? InImagePaths.Node.PLAIN : InImagePaths.Node.MISSING;
        });
        return resolved.isPresent() && Files.isRegularFile(tree.onDisk(resolved.get()), LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes a tree, symlinks not followed. */
    static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Every entry under the attached and portables directories: kind, mode, path, link target or content hash. */
    static List<String> listing(Path root) {
        return Stream.of("etc/systemd/system.attached", "etc/portables", "run/systemd/system.attached", "run/portables")
                .map(root::resolve).filter(Files::exists).flatMap(TestTrees::walk).map(p -> describe(root, p)).toList();
    }

    /** Every entry of the tree {@code top}, described as {@link #listing} describes them, relative to it. */
    static List<String> snapshot(Path top) {
        return walk(top).map(p -> describe(top, p)).toList();
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path root, Path path) {
        try {
            String mode = Files.isSymbolicLink(path) ? "" : PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            String name = "/" + root.relativize(path);
            if (Files.isSymbolicLink(path)) {
                return "L " + name + " -> " + Files.readSymbolicLink(path);
            }
            if (Files.isDirectory(path)) {
                return "D " + mode + " " + name;
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
            return "F " + mode + " " + name + " " + HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
