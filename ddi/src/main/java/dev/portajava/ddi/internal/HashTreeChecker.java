package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.HashTreeLayout.BLOCK_SIZE;
import static dev.portajava.ddi.internal.HashTreeLayout.DIGEST_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks data against a stored dm-verity hash device without device-mapper: every data block against its digest,
 * every hash block against the level above, and the top against the root hash. Finds the first bad data block.
 */
public final class HashTreeChecker {

    /** What is wrong, the most useful finding first. */
    public sealed interface Damage {
    }

    /** A data block whose digest differs from the stored one. */
    public record BadDataBlock(long block) implements Damage {
    }

    /** A hash block of {@code level} that does not match the blocks below it. */
    public record BadHashBlock(int level, long block) implements Damage {
    }

    /** The tree is consistent but its top does not hash to the expected root hash. */
    public record WrongRootHash(byte[] computed) implements Damage {
    }

    private HashTreeChecker() {
    }

    public static Optional<Damage> check(FileChannel data, long dataOffset, FileChannel hash, long hashOffset,
            VeritySuperblock superblock, byte[] expectedRoot) throws IOException {
        HashTreeLayout layout = superblock.layout();
        LevelHasher hasher = new LevelHasher(superblock.salt());
        int levels = layout.levels();
        for (int level = 0; level < levels; level++) {
            long stored = hashOffset + layout.levelStart(level) * BLOCK_SIZE;
            AtomicLong firstBad = new AtomicLong(Long.MAX_VALUE);
            LevelHasher.BatchSink compare = (first, blocks, length) -> {
                ByteBuffer expected = ByteBuffer.allocate(length);
                LevelHasher.readFully(hash, expected, stored + first * BLOCK_SIZE);
                byte[] bytes = expected.array();
                for (int at = 0; at < length; at += DIGEST_SIZE) {
                    if (!Arrays.equals(blocks, at, at + DIGEST_SIZE, bytes, at, at + DIGEST_SIZE)) {
                        long digestIndex = first * HashTreeLayout.DIGESTS_PER_BLOCK + at / DIGEST_SIZE;
                        firstBad.accumulateAndGet(digestIndex, Math::min);
                        return;
                    }
                }
            };
            if (level == 0) {
                hasher.hash(data, dataOffset, layout.dataBlocks(), compare);
            } else {
                hasher.hash(hash, hashOffset + layout.levelStart(level - 1) * BLOCK_SIZE, layout.levelBlocks(level - 1),
                        compare);
            }
            if (firstBad.get() != Long.MAX_VALUE) {
                long bad = firstBad.get();
                return Optional.of(level == 0 ? new BadDataBlock(bad) : new BadHashBlock(level - 1, bad));
            }
        }
        byte[] root = levels == 0 ? hasher.hashBlock(data, dataOffset)
                : hasher.hashBlock(hash, hashOffset + layout.levelStart(levels - 1) * BLOCK_SIZE);
        if (Arrays.equals(root, expectedRoot)) {
            return Optional.empty();
        }
        // with one data block, the root hash is that block's digest
        return Optional.of(levels == 0 ? new BadDataBlock(0) : new WrongRootHash(root));
    }
}
