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
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a raw squashfs image in this process, as {@link MksquashfsWriter} does with mksquashfs: every file owned
 * by root (unless a base image's layer gave it another owner), every time and the file system's own time set to the build's epoch, no xattrs.
 */
final class JavaSquashfsWriter implements ImageWriter {

    private final RawImageOptions raw;

    JavaSquashfsWriter(RawImageOptions raw) {
        this.raw = raw;
    }

    @Override
    public WrittenImage write(BuildContext context, Path staging, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        SquashfsOptions options = SquashfsOptions.defaults().withCompression(raw.compression()).withLevel(raw.level())
                .withBlockSize(raw.blockSize()).withOwner(0).withTime(context.epoch());
        Map<String, String> digests = Map.of();
        if (context.base().isPresent()) {
            // files from a base image are known by their digest: their compressed blocks are kept in the cache
            digests = context.tree().contentKeys();
            options = options.withBlockStore(BlockStore.inDirectory(context.base().get().cache().squashfsBlocks()));
        }
        try {
            SquashfsWriter writer = SquashfsWriter.of(options);
            SquashfsWriter.WrittenImage image = writer.write(
                    StagingPlan.of(writer, staging, context.tree().owners(), digests), temporary);
            context.report("squashfs", "wrote " + temporary.getFileName() + " (" + image.inodes() + " inodes, "
                    + image.bytes() + " bytes, " + raw.compression().label() + ")");
        } catch (UnsupportedEntryException e) {
            throw context.invalid(e.getMessage());
        } catch (ImageWriteException e) {
            throw context.tree().writeFailed("the image", (java.io.IOException) e.getCause());
        } catch (SquashfsException e) {
            throw new ImageBuildException(e.getMessage(), e);
        }
        return WrittenImage.plain();
    }

}
