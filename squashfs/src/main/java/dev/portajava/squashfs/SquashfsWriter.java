package dev.portajava.squashfs;

import dev.portajava.squashfs.internal.ImageAssembler;
import java.nio.file.Path;

/**
 * Writes a directory tree as a squashfs 4.0 image the Linux kernel mounts, in this process: no mksquashfs.
 * The same tree and options give the same bytes, whatever order the file system lists directories in and however
 * the compressing threads are scheduled.
 *
 * <pre>
 * SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.ZSTD).withOwner(0).withTime(0))
 *         .write(Path.of("tree"), Path.of("image.raw"));
 * </pre>
 */
public final class SquashfsWriter {

    private final SquashfsOptions options;

    private SquashfsWriter(SquashfsOptions options) {
        this.options = options;
    }

    public static SquashfsWriter of(SquashfsOptions options) {
        return new SquashfsWriter(options);
    }

    public SquashfsOptions options() {
        return options;
    }

    /**
     * Writes the image of {@code tree} to {@code image}, which must not exist. On failure the partial image is
     * deleted.
     */
    public WrittenImage write(Path tree, Path image) throws SquashfsException {
        return ImageAssembler.write(tree, image, options);
    }

    /** What was written: the inode count, the image's length, the number of fragment blocks. */
    public record WrittenImage(Path path, long inodes, long bytes, long fragments) {
    }
}
