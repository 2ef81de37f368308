package dev.portajava.attach.local;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads files out of a portable service image without mounting it. Paths are absolute inside the image; symlinks
 * are resolved inside the image, never on the host.
 */
public interface ImageReader extends AutoCloseable {

    /** The entries of a directory of the image, in name order; empty if there is no such directory. */
    List<ImageEntry> list(String directory) throws IOException;

    /** The content of a regular file of the image, following symlinks; empty if there is no such file. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * The path of {@code path} with every symlink resolved, inside the image; empty if it does not exist.
     * portabled links unit files of directory images to this path.
     */
    Optional<String> resolve(String path) throws IOException;

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

    /** The kinds of entries portabled tells apart. */
    enum Kind { FILE, SYMLINK, DIRECTORY, OTHER }
}
