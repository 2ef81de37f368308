package dev.portajava.maven;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A SHA-256 of a tree's content as an image holds it: every path (sorted), its kind, permissions, and a file's
 * bytes or a symlink's target; not the times, owners or the tree's place, which the image does not take from it.
 * The tree may be made of trees of the build host copied to their places in the image ({@link SpecText.Tree}).
 */
final class TreeDigest {

    private TreeDigest() {
    }

    /** The hex digest of the tree {@code trees} make, each at its place, and then {@code extra}. */
    static String of(List<SpecText.Tree> trees, String extra) throws IOException {
        MessageDigest digest = Sha256.digest();
        Map<Path, Path> paths = new TreeMap<>();
        for (SpecText.Tree tree : trees) {
            Path place = Path.of(tree.to().substring(1));
            try (Stream<Path> walk = Files.walk(tree.from())) {
                walk.forEach(path -> paths.put(place.resolve(tree.from().relativize(path)), path));
            }
        }
        for (Map.Entry<Path, Path> entry : paths.entrySet()) {
            Path relative = entry.getKey();
            Path path = entry.getValue();
            String head;
            if (Files.isSymbolicLink(path)) {
                head = "l " + relative + " -> " + Files.readSymbolicLink(path);
            } else {
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS));
                head = (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "d " : "f ") + relative + " "
                        + permissions;
            }
            digest.update((head + "\0").getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                digest.update((Files.size(path) + "\0").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
        digest.update(extra.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }
}
