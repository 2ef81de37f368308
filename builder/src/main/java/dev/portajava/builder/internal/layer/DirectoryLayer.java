package dev.portajava.builder.internal.layer;

import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory image on the build host. Paths are looked at one by one without following a symlink, so nothing is
 * ever read outside the directory.
 */
final class DirectoryLayer implements ImageLayer {

    private final Path root;

    DirectoryLayer(Path root) {
        this.root = root;
    }

    @Override
    public InImagePaths.Node node(String path) throws IOException {
        Optional<PosixFileAttributes> attributes = attributes(path);
        if (attributes.isEmpty()) {
            return InImagePaths.Node.MISSING;
        }
        return attributes.get().isSymbolicLink()
                ? InImagePaths.Node.link(Files.readSymbolicLink(host(path)).toString()) : InImagePaths.Node.PLAIN;
    }

    @Override
    public Optional<ImageFiles.RegularFile> regularFile(String path) throws IOException {
        return attributes(path).filter(PosixFileAttributes::isRegularFile).map(a -> new ImageFiles.RegularFile(
                a.size(), a.permissions().stream().anyMatch(p -> p.name().endsWith("_EXECUTE"))));
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        if (regularFile(path).isEmpty()) {
            throw new NoSuchFileException(path);
        }
        return FileChannel.open(host(path), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> list(String path) throws IOException {
        if (attributes(path).filter(PosixFileAttributes::isDirectory).isEmpty()) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(host(path))) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }

    /** The host path of an image path whose parents hold no symlink (the caller resolved them in the image). */
    private Path host(String path) {
        return path.equals("/") ? root : root.resolve(path.substring(1));
    }

    private Optional<PosixFileAttributes> attributes(String path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(host(path), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.file.FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
