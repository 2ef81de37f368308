package dev.portajava.attach.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a directory image straight from the file system, resolving its symlinks inside the image root. */
public final class DirectoryImageReader implements ImageReader {

    private static final int MAX_LINKS = 40;

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
                entries.add(new ImageEntry(child.getFileName().toString(), kind(child)));
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
        Deque<String> todo = new ArrayDeque<>(components(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(name);
            Path host = onHost("/" + String.join("/", done));
            if (Files.isSymbolicLink(host)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symlinks at " + path + " in image " + root);
                }
                String target = Files.readSymbolicLink(host).toString();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            } else if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
        }
        return Optional.of("/" + String.join("/", done));
    }

    /** The host path of an absolute path inside the image that contains no symlinks. */
    public Path onHost(String imagePath) {
        String relative = imagePath.replaceFirst("^/+", "");
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
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
