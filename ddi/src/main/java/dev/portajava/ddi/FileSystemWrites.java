package dev.portajava.ddi;

import dev.portajava.ddi.internal.DataHashStream;
import dev.portajava.ddi.internal.HashTreeLayout;
import dev.portajava.ddi.internal.HashTreeWriter;
import dev.portajava.ddi.internal.VeritySuperblock;
import dev.portajava.ddi.internal.VerityValues;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

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

    /**
     * Writes the hash device of the {@code layout}'s data at {@code data[dataOffset…]} at {@code hash[hashOffset…]},
     * with the salt of every image and the verity uuid of its root hash ({@link VerityValues}): the first level from
     * {@code writes}, when they saw every write of the data, else hashed from the file.
     */
    static RootHash writeHashTree(Optional<FileSystemWrites> writes, FileChannel data, long dataOffset,
            HashTreeLayout layout, FileChannel hash, long hashOffset) throws IOException {
        byte[] salt = VerityValues.salt();
        RootHash rootHash = RootHash.of(writes.isPresent()
                ? HashTreeWriter.writeLevels(writes.get().hashes, data, dataOffset, salt, layout, hash, hashOffset)
                : HashTreeWriter.writeLevels(data, dataOffset, salt, layout, hash, hashOffset));
        HashTreeWriter.writeSuperblock(hash, hashOffset,
                new VeritySuperblock(VerityValues.verityUuid(rootHash.bytes()), salt, layout.dataBlocks()));
        return rootHash;
    }
}
