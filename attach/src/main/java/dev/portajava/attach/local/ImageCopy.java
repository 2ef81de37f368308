package dev.portajava.attach.local;

import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy of an image that {@code --copy mixed} places in /etc/portables (systemd 256 and later): a raw image file,
 * or a directory image's whole tree, with modes, owners, times and symlinks as they are. Nothing is followed.
 */
final class ImageCopy {

    private ImageCopy() {
    }

    /** Copies the file or tree {@code source} to {@code target}, which must not exist. */
    static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return;
        }
        List<Path[]> directories = new ArrayList<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.copy(dir, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                directories.add(new Path[] {dir, copy});
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        // a directory's time changes as its entries are made: set them again, deepest first
        for (int i = directories.size() - 1; i >= 0; i--) {
            Path[] pair = directories.get(i);
            Files.setLastModifiedTime(pair[1], Files.getLastModifiedTime(pair[0], LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** Removes {@code path}: a symlink or file, or a directory with everything in it (symlinks are not followed). */
    static void remove(Path path) throws IOException {
        FileTrees.delete(path);
    }
}
