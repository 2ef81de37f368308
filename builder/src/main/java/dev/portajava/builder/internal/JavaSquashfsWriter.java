package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.squashfs.BlockStore;
import dev.portajava.squashfs.ImageWriteException;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.squashfs.UnsupportedEntryException;
import dev.portajava.tree.ImagePlan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a raw squashfs image of the plan in this process, as {@link MksquashfsWriter} does with mksquashfs: the
 * owners, modes and times the plan gives, the file system's own time set to the build's epoch. Files of a base
 * image are known by their digest: their compressed blocks are kept in the cache and reused; with a block store of
 * its own ({@link RawImageOptions#blockStore()}) those of every file are kept there instead.
 */
final class JavaSquashfsWriter implements ImageWriter {

    private final RawImageOptions raw;
    private final long offset;

    JavaSquashfsWriter(RawImageOptions raw) {
        this(raw, 0);
    }

    /** Writes the file system {@code offset} bytes into the output, nothing before it (a disk image's partition). */
    JavaSquashfsWriter(RawImageOptions raw, long offset) {
        this.raw = raw;
        this.offset = offset;
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        write(context, plan, temporary, SquashfsWriter.WriteObserver.NONE);
        return WrittenImage.plain();
    }

    /** This writer, showing each write to the {@code writes} it is given (a verity image's). */
    FileSystemWriter observed() {
        return (context, plan, temporary, writes) -> {
            write(context, plan, temporary, writes);
            return true;
        };
    }

    private void write(BuildContext context, ImagePlan plan, Path temporary, SquashfsWriter.WriteObserver observer)
            throws ImageBuildException, InvalidSpecException {
        SquashfsOptions options = SquashfsOptions.defaults().withCompression(raw.compression()).withLevel(raw.level())
                .withBlockSize(raw.blockSize()).withTime(context.epoch());
        if (raw.blockStore().isPresent()) {
            options = options.withBlockStore(BlockStore.inDirectory(raw.blockStore().get()));
        } else if (context.base().isPresent()) {
            options = options.withBlockStore(BlockStore.inDirectory(context.base().get().cache().squashfsBlocks()));
        }
        SquashfsWriter writer = SquashfsWriter.of(options)
                .withProgress(context.written().map(WrittenFiles::count).orElse(SquashfsWriter.FileProgress.NONE));
        try {
            SquashfsWriter.WrittenImage image;
            if (offset == 0 && observer == SquashfsWriter.WriteObserver.NONE) {
                image = writer.write(plan, temporary);
            } else {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    image = writer.write(plan, channel, offset, observer);
                } catch (IOException e) {
                    throw context.writeFailed("the image", e);
                }
            }
            String reuse = options.blockStore().isEmpty() ? "" : ", " + image.blocksCompressed()
                    + " blocks compressed, " + image.blocksReused() + " from the block store";
            context.report("squashfs", "wrote " + temporary.getFileName() + " (" + image.inodes() + " inodes, "
                    + image.bytes() + " bytes, " + raw.compression().label() + reuse + ")");
        } catch (UnsupportedEntryException e) {
            throw context.invalid(e.getMessage());
        } catch (ImageWriteException e) {
            throw context.writeFailed("the image", (IOException) e.getCause());
        } catch (SquashfsException e) {
            throw new ImageBuildException(e.getMessage(), e);
        }
    }
}
