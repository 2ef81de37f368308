package dev.portajava.builder.internal.layer;

import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * The files of one image, looked at path by path as they are stored: absolute paths of the image, no symlink
 * followed. {@link LayeredImageFiles} follows symlinks across layers, as a service started from them sees them.
 */
public interface ImageLayer {

    /** A layer with nothing in it. */
    ImageLayer EMPTY = new ImageLayer() {
        @Override
        public InImagePaths.Node node(String path) {
            return InImagePaths.Node.MISSING;
        }

        @Override
        public Optional<ImageFiles.RegularFile> regularFile(String path) {
            return Optional.empty();
        }

        @Override
        public SeekableByteChannel open(String path) throws IOException {
            throw new java.nio.file.NoSuchFileException(path);
        }

        @Override
        public List<String> list(String path) {
            return List.of();
        }
    };

    /** What is at exactly {@code path}: nothing, a symlink (with its target), or another entry. */
    InImagePaths.Node node(String path) throws IOException;

    /** The regular file at exactly {@code path}; empty if something else or nothing is there. */
    Optional<ImageFiles.RegularFile> regularFile(String path) throws IOException;

    /** Opens the regular file at exactly {@code path}. */
    SeekableByteChannel open(String path) throws IOException;

    /** The names in the directory at exactly {@code path}; empty if it is no directory. */
    List<String> list(String path) throws IOException;
}
