package dev.portajava.attach.local;

import dev.portajava.tree.FileNames;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a directory image straight from the file system, resolving its symlinks inside the image root. Names are
 * read and looked up through {@link FileNames}, byte for byte, whatever the locale.
 */
public final class DirectoryImageReader implements ImageReader {


    private final Path root;

    public DirectoryImageReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<ImageEntry> list(String directory) throws IOException {
        Optional<String> resolved = resolve(directory);
        if (resolved.isEmpty() || !Files.isDirectory(onHost(resolved.get()), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ImageEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(onHost(resolved.get()))) {
            for (Path child : children.sorted().toList()) {
                entries.add(new ImageEntry(FileNames.name(child), kind(child)));
            }
        }
        return entries;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Optional<String> resolved = resolve(path);
        if (resolved.isEmpty() || !Files.isRegularFile(onHost(resolved.get()), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(onHost(resolved.get())));
    }

    @Override
    public Optional<String> resolve(String path) throws IOException {
        return InImagePaths.resolve(path, inImage -> {
            Path host = onHost(inImage);
            if (Files.isSymbolicLink(host)) {
                return InImagePaths.Node.link(FileNames.text(Files.readSymbolicLink(host)));
            }
            return Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? InImagePaths.Node.PLAIN : InImagePaths.Node.MISSING;
        });
    }

    /** The host path of an absolute path inside the image that contains no symlinks. */
    public Path onHost(String imagePath) {
        return FileNames.resolve(root, imagePath);
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }


    private static Kind kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return Kind.SYMLINK;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.DIRECTORY;
        }
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Kind.FILE : Kind.OTHER;
    }
}
