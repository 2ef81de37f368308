package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.HashTreeLayout.BLOCK_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a dm-verity hash device byte for byte as {@code veritysetup format --hash=sha256 --data-block-size=4096
 * --hash-block-size=4096 --salt=… --uuid=…} does, and returns the root hash. The levels can be written before the
 * superblock, whose uuid may derive from the root hash.
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
        writeSuperblock(hash, hashOffset, superblock);
        return writeLevels(data, dataOffset, superblock.salt(), superblock.layout(), hash, hashOffset);
    }

    /** Writes the superblock's block, the first of the hash device at {@code hash[hashOffset…]}. */
    public static void writeSuperblock(FileChannel hash, long hashOffset, VeritySuperblock superblock)
            throws IOException {
        LevelHasher.writeFully(hash, ByteBuffer.wrap(superblock.toBlock()), hashOffset);
    }

    /**
     * Hashes the data at {@code data[dataOffset…]} and writes the levels of the hash device at
     * {@code hash[hashOffset…]}, all but its first block.
     *
     * @return the root hash, 32 bytes
     */
    public static byte[] writeLevels(FileChannel data, long dataOffset, byte[] salt, HashTreeLayout layout,
            FileChannel hash, long hashOffset) throws IOException {
        LevelHasher hasher = new LevelHasher(salt);
        if (layout.levels() == 0) {
            return hasher.hashBlock(data, dataOffset);
        }
        hasher.hash(data, dataOffset, layout.dataBlocks(), levelSink(hash, hashOffset, layout, 0));
        return writeUpperLevels(hasher, layout, hash, hashOffset);
    }

    /**
     * Writes the levels of the hash device at {@code hash[hashOffset…]}, all but its first block, for the data at
     * {@code data[dataOffset…]} whose writes {@code seen} hashed: from its level 0, or from the data when it has
     * none (it stopped, the data being too large).
     *
     * @return the root hash, 32 bytes
     */
    public static byte[] writeLevels(DataHashStream seen, FileChannel data, long dataOffset, byte[] salt,
            HashTreeLayout layout, FileChannel hash, long hashOffset) throws IOException {
        byte[] levelZero = seen.levelZero(data, dataOffset, layout.dataBytes());
        return levelZero != null ? writeLevels(levelZero, salt, layout, hash, hashOffset)
                : writeLevels(data, dataOffset, salt, layout, hash, hashOffset);
    }

    /**
     * Writes the levels of the hash device at {@code hash[hashOffset…]}, all but its first block, from level 0
     * already computed: the 32-byte digests of the data blocks in order ({@link DataHashStream}).
     *
     * @return the root hash, 32 bytes
     */
    public static byte[] writeLevels(byte[] levelZero, byte[] salt, HashTreeLayout layout, FileChannel hash,
            long hashOffset) throws IOException {
        if (levelZero.length != layout.dataBlocks() * HashTreeLayout.DIGEST_SIZE) {
            throw new IllegalArgumentException("level 0 holds " + levelZero.length / HashTreeLayout.DIGEST_SIZE
                    + " digests, not one per data block (" + layout.dataBlocks() + ")");
        }
        if (layout.levels() == 0) {
            return levelZero.clone();
        }
        // the digests are the level's blocks, but for the zeros after the last digest
        long start = hashOffset + layout.levelStart(0) * BLOCK_SIZE;
        LevelHasher.writeFully(hash, ByteBuffer.wrap(levelZero), start);
        int tail = Math.toIntExact(layout.levelBlocks(0) * BLOCK_SIZE - levelZero.length);
        LevelHasher.writeFully(hash, ByteBuffer.allocate(tail), start + levelZero.length);
        return writeUpperLevels(new LevelHasher(salt), layout, hash, hashOffset);
    }

    /** Hashes each level after level 0 from the one below it, then the top level for the root hash. */
    private static byte[] writeUpperLevels(LevelHasher hasher, HashTreeLayout layout, FileChannel hash,
            long hashOffset) throws IOException {
        int levels = layout.levels();
        for (int level = 1; level < levels; level++) {
            hasher.hash(hash, hashOffset + layout.levelStart(level - 1) * BLOCK_SIZE, layout.levelBlocks(level - 1),
                    levelSink(hash, hashOffset, layout, level));
        }
        return hasher.hashBlock(hash, hashOffset + layout.levelStart(levels - 1) * BLOCK_SIZE);
    }

    /** Writes the hashed blocks of {@code level} in their place in the hash device at {@code hash[hashOffset…]}. */
    private static LevelHasher.BatchSink levelSink(FileChannel hash, long hashOffset, HashTreeLayout layout,
            int level) {
        long out = hashOffset + layout.levelStart(level) * BLOCK_SIZE;
        return (first, blocks, length) ->
                LevelHasher.writeFully(hash, ByteBuffer.wrap(blocks, 0, length), out + first * BLOCK_SIZE);
    }
}
