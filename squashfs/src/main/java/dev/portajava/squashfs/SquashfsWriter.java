package dev.portajava.squashfs;

import dev.portajava.squashfs.internal.HostTreeScanner;
import dev.portajava.squashfs.internal.ImageAssembler;
import dev.portajava.tree.ImagePlan;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes an {@link ImagePlan} as a squashfs 4.0 image the Linux kernel mounts, in this process: no mksquashfs.
 * File contents are read from the plan's sources while the image is written and compressed on several threads;
 * the same plan and options give the same bytes, however the threads are scheduled. Extended attributes are
 * written when the plan has some.
 *
 * <pre>
 * SquashfsWriter writer = SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.ZSTD));
 * writer.write(plan, Path.of("image.raw"));
 * writer.write(Path.of("tree"), Path.of("tree.raw"));   // a directory of the host, as mksquashfs -no-xattrs
 * </pre>
 */
public final class SquashfsWriter {

    private final SquashfsOptions options;
    private final FileProgress progress;

    private SquashfsWriter(SquashfsOptions options, FileProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    public static SquashfsWriter of(SquashfsOptions options) {
        return new SquashfsWriter(options, FileProgress.NONE);
    }

    /** This writer, telling {@code progress} of each file of a plan it gets through. */
    public SquashfsWriter withProgress(FileProgress progress) {
        return new SquashfsWriter(options, progress);
    }

    public SquashfsOptions options() {
        return options;
    }

    /**
     * Writes the image of {@code plan} to {@code image}, which must not exist. On failure it is deleted. Like
     * mksquashfs, it does not sync the file to disk: a caller that renames it into place does that first.
     */
    public WrittenImage write(ImagePlan plan, Path image) throws SquashfsException {
        return ImageAssembler.write(plan, image, options, progress);
    }

    /**
     * Writes the image of {@code plan} into {@code channel} from {@code offset} on, such as a disk image's root
     * partition: {@link WrittenImage#bytes()} bytes, a multiple of 4096. Nothing else of the channel is written,
     * and it is neither synced nor closed; on failure what was written is left for the caller to discard.
     */
    public WrittenImage write(ImagePlan plan, FileChannel channel, long offset) throws SquashfsException {
        return write(plan, channel, offset, WriteObserver.NONE);
    }

    /**
     * Writes the image of {@code plan} into {@code channel} from {@code offset} on, as {@link #write(ImagePlan,
     * FileChannel, long)} does, and shows {@code observer} every write once it is made, so that what is written can
     * be hashed without reading it back.
     */
    public WrittenImage write(ImagePlan plan, FileChannel channel, long offset, WriteObserver observer)
            throws SquashfsException {
        return ImageAssembler.write(plan, channel, offset, options, progress, observer);
    }

    /**
     * Writes the image of the directory {@code tree} to {@code image}, which must not exist, as mksquashfs would
     * write it: the tree is read into a plan ({@link #plan}) and that plan written.
     */
    public WrittenImage write(Path tree, Path image) throws SquashfsException {
        return write(plan(tree).build(), image);
    }

    /**
     * The plan of the directory {@code tree} of this host: its entries with their modes, owners, times, symlink
     * targets and hard links, and the files' contents read from the tree when the plan is written. The options'
     * {@link SquashfsOptions#owner() owner}, {@link SquashfsOptions#time() time},
     * {@link SquashfsOptions#specialFiles() special files} and {@link SquashfsOptions#hostXattrs() xattrs} rules
     * apply. The plan can be changed before it is built and written.
     *
     * @throws UnsupportedEntryException for an entry the options refuse or squashfs cannot hold
     */
    public ImagePlan.Builder plan(Path tree) throws SquashfsException {
        return HostTreeScanner.scan(tree, options);
    }

    /**
     * Sees a writer get through the regular files of a plan, for a progress display: told of each file once (of its
     * inode, whatever its names), in the order their data is written, on the thread that writes it, when its blocks
     * are handed to the compressors or it is found to hold what an earlier file holds.
     */
    @FunctionalInterface
    public interface FileProgress {
        /** Is told nothing. */
        FileProgress NONE = size -> { };

        /** A file of {@code size} bytes, as the plan gives it, is written. */
        void written(long size);
    }

    /**
     * Sees the bytes of an image as they are written. The writes come on one thread, in the order they are made,
     * and mostly one after the other; but the first 96 bytes, the superblock, are written last, and a writer may
     * write any byte again: an observer that hashes in order must cope with a write that is not where the previous
     * one ended.
     */
    @FunctionalInterface
    public interface WriteObserver {
        /** Sees nothing. */
        WriteObserver NONE = (position, bytes) -> { };

        /**
         * {@code bytes}, from its position to its limit, were written at {@code position} of the image (counted
         * from where the image starts in its channel). The buffer is valid only during the call.
         */
        void written(long position, ByteBuffer bytes);
    }

    /**
     * What was written: the inode count, the image's length (padded to 4 KiB), the number of fragment blocks, and of
     * the data and fragment blocks (holes aside) how many were compressed and how many taken, already compressed,
     * from the block store. For an image written into a channel, {@code path} is null.
     */
    public record WrittenImage(Path path, long inodes, long bytes, long fragments, long blocksCompressed,
            long blocksReused) {
    }
}
