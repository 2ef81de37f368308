package dev.portajava.attach.local;

import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.tree.HostFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One change to the host's file tree. Files and symlinks are made under a hidden temporary name ({@code .#NAME…},
 * which systemd never loads) and renamed into place, so a reader sees the old entry or the new one, never a part.
 * Files are written through {@link HostFiles}, and modes set as numbers through the {@code unix} attribute view:
 * {@code PosixFilePermissions}' sets find their constants by reflection.
 */
public sealed interface TreeStep {

    /** Applies the step; the change it made, if it made one. */
    Optional<Change> apply(HostTree tree, Steps steps) throws IOException;

    /** A directory, 0755, with its parents; reported only when {@code reported} and it did not exist. */
    record MakeDirectory(String path, boolean reported) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path dir = tree.onDisk(path);
            if (Files.isDirectory(dir)) {
                return Optional.empty();
            }
            steps.before("mkdir " + path);
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            Files.setAttribute(dir, "unix:mode", 0755);
            return reported ? Optional.of(new Change(ChangeType.MKDIR, dir.toString(), "")) : Optional.empty();
        }
    }

    /** A regular file, 0644, reported as {@code type} ({@code write} or {@code copy}) from {@code source}. */
    record WriteFile(String path, byte[] content, ChangeType type, String source) implements TreeStep {
        public WriteFile {
            content = content.clone();
        }

        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path target = tree.onDisk(path);
            removeTemporaries(target);
            Path temporary = temporary(target);
            steps.before("write " + temporary);
            HostFiles.write(temporary, content);
            Files.setAttribute(temporary, "unix:mode", 0644);
            steps.before("rename to " + path);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Change(type, target.toString(), source));
        }
    }

    /**
     * A symlink to {@code target}. With {@code keepExisting}, an entry already there is left alone and nothing is
     * reported, as portabled does for the /etc/portables link.
     */
    record MakeSymlink(String path, String target, boolean keepExisting) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path link = tree.onDisk(path);
            if (keepExisting && Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            removeTemporaries(link);
            Files.createDirectories(link.getParent());
            Path temporary = temporary(link);
            steps.before("symlink " + temporary);
            Files.createSymbolicLink(temporary, Path.of(target));
            steps.before("rename to " + path);
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Change(ChangeType.SYMLINK, link.toString(), target));
        }
    }

    /** Removes a file or symlink, if there is one; with {@code onlySymlink} only a symlink. */
    record Remove(String path, boolean onlySymlink) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path file = tree.onDisk(path);
            removeTemporaries(file);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                    || (onlySymlink && !Files.isSymbolicLink(file))) {
                return Optional.empty();
            }
            steps.before("unlink " + path);
            Files.delete(file);
            return Optional.of(new Change(ChangeType.UNLINK, file.toString(), ""));
        }
    }

    /** Removes a directory if it is empty but for temporaries a crash left in it. */
    record RemoveDirectory(String path) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path dir = tree.onDisk(path);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (!entry.getFileName().toString().startsWith(".#")) {
                        return Optional.empty();
                    }
                }
            }
            steps.before("rmdir " + path);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    Files.deleteIfExists(entry);
                }
            }
            Files.delete(dir);
            return Optional.of(new Change(ChangeType.UNLINK, dir.toString(), ""));
        }
    }

    /**
     * A copy of the image {@code source} (a file or a directory tree), made under a temporary name and renamed into
     * place; an entry already there is left alone, as with the link it replaces ({@code --copy mixed}).
     */
    record CopyImage(String path, Path onDisk, String source) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path copy = tree.onDisk(path);
            if (Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            removeTemporaries(copy);
            Files.createDirectories(copy.getParent());
            Path temporary = temporary(copy);
            steps.before("copy " + temporary);
            ImageCopy.copy(onDisk, temporary);
            steps.before("rename to " + path);
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(new Change(ChangeType.COPY, copy.toString(), source));
        }
    }

    /** Removes the link to an image or its copy (a file, or a directory tree), if there is one. */
    record RemoveImageEntry(String path) implements TreeStep {
        @Override
        public Optional<Change> apply(HostTree tree, Steps steps) throws IOException {
            Path entry = tree.onDisk(path);
            removeTemporaries(entry);
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            steps.before("remove " + path);
            ImageCopy.remove(entry);
            return Optional.of(new Change(ChangeType.UNLINK, entry.toString(), ""));
        }
    }

    private static Path temporary(Path target) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return target.resolveSibling(".#" + target.getFileName() + HexFormat.of().formatHex(random));
    }

    /** Deletes what an interrupted earlier run left: hidden temporaries of this very name. */
    private static void removeTemporaries(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = ".#" + target.getFileName();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && name.length() == prefix.length() + 16) {
                    ImageCopy.remove(entry);
                }
            }
        }
    }
}
