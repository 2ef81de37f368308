package dev.portajava.attach.local;

import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a directory image straight from the file system, never following a symlink on the host. Names are read
 * and looked up through {@link FileNames}, byte for byte, whatever the locale.
 */
public final class DirectoryImageReader implements ImageReader {

    private final Path root;

    private DirectoryImageReader(Path root) {
        this.root = root;
    }

    /** The image at {@code root}, which may be reached through symlinks of the host (an /etc/portables link). */
    public static DirectoryImageReader open(Path root) throws IOException {
        return new DirectoryImageReader(root.toRealPath());
    }

    @Override
    public List<ImageEntry> list(String directory) throws IOException {
        Path dir = onHost(directory);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ImageEntry> entries = new ArrayList<>();
        for (Path child : DirectoryEntries.sorted(dir)) {
            entries.add(new ImageEntry(FileNames.name(child), kind(child)));
        }
        return entries;
    }

    @Override
    public Optional<Stat> stat(String path) throws IOException {
        Path host = onHost(path);
        if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Kind kind = kind(host);
        return Optional.of(new Stat(kind, kind == Kind.SYMLINK ? FileNames.text(Files.readSymbolicLink(host)) : ""));
    }

    /** Opens the file without following a symlink, so that what was judged a regular file is what is read. */
    @Override
    public byte[] read(String path, int limit) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(onHost(path), Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)); InputStream in = Channels.newInputStream(channel)) {
            if (channel.size() > limit) {
                throw new IOException(path + " has " + channel.size() + " bytes, more than " + limit);
            }
            return in.readNBytes(limit);
        }
    }

    /** Only {@code user.} attributes, the ones Java reads; never through a symlink. */
    @Override
    public Optional<byte[]> xattr(String path, String name) throws IOException {
        Path host = onHost(path);
        if (!name.startsWith("user.") || !Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(host, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        String key = name.substring("user.".length());
        try {
            if (view == null || !view.list().contains(key)) {
                return Optional.empty();
            }
            ByteBuffer value = ByteBuffer.allocate(view.size(key));
            view.read(key, value);
            return Optional.of(Arrays.copyOf(value.array(), value.position()));
        } catch (UnsupportedOperationException | FileSystemException e) {
            return Optional.empty(); // a file system without user xattrs has none
        }
    }

    /** The host path of an absolute path inside the image that contains no symlinks. */
    public Path onHost(String imagePath) {
        return FileNames.resolve(root, imagePath);
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    private static Kind kind(Path path) throws IOException {
        return Kind.ofMode((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
    }
}
