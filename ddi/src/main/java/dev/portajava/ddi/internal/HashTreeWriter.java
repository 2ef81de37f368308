package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.HashTreeLayout.BLOCK_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a dm-verity hash device byte for byte as {@code veritysetup format --hash=sha256 --data-block-size=4096
 * --hash-block-size=4096 --salt=… --uuid=…} does, and returns the root hash.
 */
public final class HashTreeWriter {

    private HashTreeWriter() {
    }

    /**
     * Hashes the data at {@code data[dataOffset…]} described by {@code superblock} and writes the hash device at
     * {@code hash[hashOffset…]} ({@link HashTreeLayout#hashBytes()} bytes).
     *
     * @return the root hash, 32 bytes
     */
    public static byte[] write(FileChannel data, long dataOffset, VeritySuperblock superblock, FileChannel hash,
            long hashOffset) throws IOException {
        HashTreeLayout layout = superblock.layout();
        LevelHasher hasher = new LevelHasher(superblock.salt());
        LevelHasher.writeFully(hash, ByteBuffer.wrap(superblock.toBlock()), hashOffset);
        int levels = layout.levels();
        if (levels == 0) {
            return hasher.hashBlock(data, dataOffset);
        }
        for (int level = 0; level < levels; level++) {
            long out = hashOffset + layout.levelStart(level) * BLOCK_SIZE;
            LevelHasher.BatchSink sink = (first, blocks, length) ->
                    LevelHasher.writeFully(hash, ByteBuffer.wrap(blocks, 0, length), out + first * BLOCK_SIZE);
            if (level == 0) {
                hasher.hash(data, dataOffset, layout.dataBlocks(), sink);
            } else {
                hasher.hash(hash, hashOffset + layout.levelStart(level - 1) * BLOCK_SIZE, layout.levelBlocks(level - 1),
                        sink);
            }
        }
        return hasher.hashBlock(hash, hashOffset + layout.levelStart(levels - 1) * BLOCK_SIZE);
    }
}
