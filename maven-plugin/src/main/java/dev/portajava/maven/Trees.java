package dev.portajava.maven;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/** Copies and dates the trees a build lays out. */
final class Trees {

    private Trees() {
    }

    /** Copies {@code source} to {@code target} (which must not exist) with the files' modes and symlinks. */
    static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, target.resolve(source.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Gives every file under {@code root} the time {@code epoch}, the time the image gives it: the start-up archive
     * checks its jars' times.
     */
    static void touch(Path root, long epoch) throws IOException {
        FileTime time = FileTime.fromMillis(epoch * 1000);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                Files.setLastModifiedTime(path, time);
            }
        }
    }
}
