package dev.portajava.ddi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code veritysetup format} puts each level of a dm-verity hash tree (format 1, 4096-byte blocks, SHA-256):
 * block 0 of the hash device is the superblock, then the levels, the top level first. Level 0 holds one digest per
 * data block, each level above one digest per block of the level below, 128 digests per block.
 *
 * @param dataBlocks the number of whole 4096-byte data blocks (a partial last block is not covered)
 */
public record HashTreeLayout(long dataBlocks) {

    public static final int BLOCK_SIZE = 4096;
    public static final int DIGEST_SIZE = 32;
    public static final int DIGESTS_PER_BLOCK = BLOCK_SIZE / DIGEST_SIZE;
    private static final int PER_BLOCK_BITS = 7;

    public HashTreeLayout {
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("dm-verity needs at least one data block of " + BLOCK_SIZE + " bytes");
        }
    }

    /** The layout for {@code dataBytes} of data: whole blocks only, as veritysetup counts them. */
    public static HashTreeLayout forDataSize(long dataBytes) {
        return new HashTreeLayout(dataBytes / BLOCK_SIZE);
    }

    /** The number of levels; 0 when there is one data block and the root hash is that block's digest. */
    public int levels() {
        int levels = 0;
        while (PER_BLOCK_BITS * levels < 64 && ((dataBlocks - 1) >>> (PER_BLOCK_BITS * levels)) != 0) {
            levels++;
        }
        return levels;
    }

    /** The number of hash blocks at {@code level} (0 = the digests of the data blocks). */
    public long levelBlocks(int level) {
        long size = dataBlocks;
        for (int i = 0; i <= level; i++) {
            size = (size + DIGESTS_PER_BLOCK - 1) / DIGESTS_PER_BLOCK;
        }
        return size;
    }

    /** The first block of {@code level} on the hash device, counting the superblock as block 0. */
    public long levelStart(int level) {
        long position = 1;
        for (int i = levels() - 1; i > level; i--) {
            position += levelBlocks(i);
        }
        return position;
    }

    /** The starts of all levels, level 0 first. */
    public List<Long> levelStarts() {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < levels(); i++) {
            starts.add(levelStart(i));
        }
        return starts;
    }

    /** The number of blocks on the hash device, superblock included. */
    public long hashBlocks() {
        long blocks = 1;
        for (int i = 0; i < levels(); i++) {
            blocks += levelBlocks(i);
        }
        return blocks;
    }

    public long hashBytes() {
        return hashBlocks() * BLOCK_SIZE;
    }

    public long dataBytes() {
        return dataBlocks * BLOCK_SIZE;
    }
}
