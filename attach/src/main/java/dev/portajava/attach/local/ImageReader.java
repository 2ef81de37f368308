package dev.portajava.attach.local;

import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a portable service image without mounting it. Paths are absolute inside the image; symlinks are resolved
 * inside the image, never on the host. {@link CheckedFiles} judges what is read out of it.
 */
public interface ImageReader extends AutoCloseable {

    /** The entries of a directory, an absolute image path without symlinks, in name order; empty if none. */
    List<ImageEntry> list(String directory) throws IOException;

    /** What is at an absolute image path without symlinks, not following a symlink there; empty if nothing. */
    Optional<Stat> stat(String path) throws IOException;

    /** The content of the regular file at an absolute image path without symlinks, refusing more than {@code limit}. */
    byte[] read(String path, int limit) throws IOException;

    /** The extended attribute {@code name} (such as {@code user.foo}) of the entry at {@code path}; empty if none. */
    default Optional<byte[]> xattr(String path, String name) throws IOException {
        return Optional.empty();
    }

    /**
     * The path of {@code path} with every symlink resolved inside the image (an absolute target starts again at the
     * image's root), as systemd resolves the directories it reads; empty if it does not exist.
     */
    default Optional<String> resolve(String path) throws IOException {
        return InImagePaths.resolve(path, lookup());
    }

    /**
     * The path of {@code path} resolved as the kernel resolves it with the image mounted on a host, where an
     * absolute symlink or a {@code ..} above the root leads out of the image.
     *
     * @throws InImagePaths.LeavesImageException naming the symlink that leads out
     */
    default Optional<String> resolveMounted(String path) throws IOException {
        return InImagePaths.resolveMounted(path, lookup());
    }

    /**
     * This image for {@link InImagePaths}; a class, not a lambda: the commands that attach and detach link none
     * (StartupTest).
     */
    private InImagePaths.Lookup lookup() {
        return new InImagePaths.Lookup() {
            @Override
            public InImagePaths.Node at(String path) throws IOException {
                return node(path);
            }
        };
    }

    private InImagePaths.Node node(String path) throws IOException {
        Optional<Stat> stat = stat(path);
        if (stat.isEmpty()) {
            return InImagePaths.Node.MISSING;
        }
        return stat.get().kind() == Kind.SYMLINK ? InImagePaths.Node.link(stat.get().linkTarget())
                : InImagePaths.Node.PLAIN;
    }

    @Override
    void close() throws IOException;

    /** One directory entry: its name and what it is (a symlink is reported as a symlink, not followed). */
    record ImageEntry(String name, Kind kind) {
        public ImageEntry {
            if (name == null || name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("'" + name + "' is not a directory entry name");
            }
        }
    }

    /**
     * What {@code lstat} tells of an entry.
     *
     * @param linkTarget a symlink's target, as stored; empty for anything else
     */
    record Stat(Kind kind, String linkTarget) {
    }

    /** The kinds of entries a file system holds, as a message names them. */
    enum Kind {
        FILE("a regular file"),
        SYMLINK("a symlink"),
        DIRECTORY("a directory"),
        FIFO("a FIFO"),
        SOCKET("a socket"),
        CHARACTER_DEVICE("a character device"),
        BLOCK_DEVICE("a block device");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** {@code a FIFO}, {@code a directory}, … */
        public String description() {
            return description;
        }

        /** The kind of a Unix mode's {@code S_IFMT} bits. */
        static Kind ofMode(int mode) {
            return switch (mode & 0170000) {
                case 0100000 -> FILE;
                case 0120000 -> SYMLINK;
                case 0040000 -> DIRECTORY;
                case 0010000 -> FIFO;
                case 0140000 -> SOCKET;
                case 0020000 -> CHARACTER_DEVICE;
                case 0060000 -> BLOCK_DEVICE;
                default -> throw new IllegalArgumentException("unknown file type in mode " + Integer.toOctalString(mode));
            };
        }
    }
}
