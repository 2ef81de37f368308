package dev.portajava.ddi;

import dev.portajava.ddi.internal.DataHashStream;
import dev.portajava.ddi.internal.VerityValues;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.ByteBuffer;

/**
 * The writes of a file system, hashed as they are made: into a disk image's root partition, for
 * {@link DiskImageWriter#complete(java.nio.file.Path, Architecture, java.util.Optional, FileSystemWrites)}, or into
 * a file of its own, for {@link VeritySidecars#write(java.nio.file.Path, VeritySidecars.Paths, java.util.Optional,
 * FileSystemWrites)}. Either need not read the whole file system again for the first level of its hash tree: the
 * salt is known before the first write. Positions count from the start of the file system. Blocks written out of
 * order (a superblock patched at the end) are read back from the file then, so the result is the same as without
 * it.
 *
 * <pre>
 * FileSystemWrites writes = new FileSystemWrites();
 * squashfsWriter.write(plan, disk, DiskImageWriter.ROOT_OFFSET, writes);
 * DiskImageWriter.complete(diskPath, Architecture.X86_64, Optional.empty(), writes);
 * </pre>
 */
public final class FileSystemWrites implements SquashfsWriter.WriteObserver {

    final DataHashStream hashes = new DataHashStream(VerityValues.salt());

    @Override
    public void written(long position, ByteBuffer bytes) {
        hashes.written(position, bytes);
    }
}
