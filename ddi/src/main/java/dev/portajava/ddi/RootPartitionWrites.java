package dev.portajava.ddi;

import dev.portajava.ddi.internal.ContentStream;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.ByteBuffer;

/**
 * The writes of a file system into a disk image's root partition, hashed as they are made, so that
 * {@link DiskImageWriter#complete(java.nio.file.Path, Architecture, java.util.Optional, RootPartitionWrites)} need
 * not read the whole file system again for the seed its salt and UUIDs derive from. Positions count from the start
 * of the file system. Bytes written out of order (a superblock patched at the end) are read back from the disk
 * then, so the image is the same as without it.
 *
 * <pre>
 * RootPartitionWrites writes = new RootPartitionWrites();
 * squashfsWriter.write(plan, disk, DiskImageWriter.ROOT_OFFSET, writes);
 * DiskImageWriter.complete(diskPath, Architecture.X86_64, Optional.empty(), writes);
 * </pre>
 */
public final class RootPartitionWrites implements SquashfsWriter.WriteObserver {

    final ContentStream content = new ContentStream();

    @Override
    public void written(long position, ByteBuffer bytes) {
        content.written(position, bytes);
    }
}
