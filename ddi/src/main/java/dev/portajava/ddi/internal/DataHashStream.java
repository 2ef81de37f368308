package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.HashTreeLayout.BLOCK_SIZE;
import static dev.portajava.ddi.internal.HashTreeLayout.DIGEST_SIZE;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Computes level 0 of a hash tree, SHA-256(salt ‖ block) of every 4096-byte data block, from the writes that make
 * the data, as they are made, so that the data need not be read again. Writes that follow each other are hashed at
 * once; a block that any write reaches out of that order (written again, such as a superblock patched at the end,
 * or skipped over) is marked and read back from the file when the level is asked for. The digests are kept in
 * memory, 8 MiB per GiB of data: past {@code maxBlocks} blocks the stream stops, and the caller hashes the data
 * from the file instead.
 */
public final class DataHashStream {

    /** Blocks a stream keeps the digests of by default: 4 GiB of data, 32 MiB of digests. */
    public static final int MAX_BLOCKS = 1 << 20;

    private final byte[] salt;
    private final int maxBlocks;
    private final MessageDigest sha = Sha256.digest();
    private final BitSet unordered = new BitSet();
    /** The bytes of the block {@code next} is in, from its start to {@code next}. */
    private final byte[] partial = new byte[BLOCK_SIZE];
    private byte[] digests = new byte[DIGEST_SIZE * 1024];
    /** Where the writes in order have come to. */
    private long next;
    private boolean stopped;

    public DataHashStream(byte[] salt) {
        this(salt, MAX_BLOCKS);
    }

    DataHashStream(byte[] salt, int maxBlocks) {
        this.salt = salt.clone();
        this.maxBlocks = maxBlocks;
    }

    /** Takes the write of {@code bytes} (position to limit) at {@code position} of the data. */
    public void written(long position, ByteBuffer bytes) {
        if (stopped) {
            return;
        }
        long end = position + bytes.remaining();
        if (end > (long) maxBlocks * BLOCK_SIZE) {
            stopped = true;
            digests = null;
            return;
        }
        bytes = bytes.duplicate();
        if (position > next) { // a gap nothing has filled (yet)
            mark(next, position);
            next = position;
        } else if (position < next) {
            mark(position, Math.min(end, next));
            if (end <= next) {
                return;
            }
            bytes.position(bytes.position() + (int) (next - position));
        }
        while (bytes.hasRemaining()) {
            int block = (int) (next / BLOCK_SIZE);
            int inBlock = (int) (next % BLOCK_SIZE);
            int take = Math.min(bytes.remaining(), BLOCK_SIZE - inBlock);
            if (unordered.get(block)) {
                bytes.position(bytes.position() + take);
            } else {
                // copied: the digest would copy a read-only buffer's bytes anyway
                bytes.get(partial, inBlock, take);
                if (inBlock + take == BLOCK_SIZE) {
                    hash(block);
                }
            }
            next += take;
        }
    }

    /**
     * Level 0 of the {@code length} bytes (whole blocks) of data at {@code offset} of {@code data}, of which this
     * stream saw the writes: the blocks it could not hash from them are read back. Null when the stream stopped
     * because the data is too large. Asked once, after the last write.
     */
    public byte[] levelZero(FileChannel data, long offset, long length) throws IOException {
        if (stopped || length > (long) maxBlocks * BLOCK_SIZE) {
            return null;
        }
        int blocks = Math.toIntExact(length / BLOCK_SIZE);
        if (next != length) { // an unfinished last block (the zeros that pad it were not seen), or a write past it
            mark(Math.min(next, length) / BLOCK_SIZE * BLOCK_SIZE, Math.max(next, length));
        }
        ensure(blocks);
        LevelHasher hasher = new LevelHasher(salt);
        for (int block = unordered.nextSetBit(0); block >= 0 && block < blocks;
                block = unordered.nextSetBit(block + 1)) {
            System.arraycopy(hasher.hashBlock(data, offset + (long) block * BLOCK_SIZE), 0, digests,
                    block * DIGEST_SIZE, DIGEST_SIZE);
        }
        return Arrays.copyOf(digests, blocks * DIGEST_SIZE);
    }

    /** How many blocks are read back, of those written so far. */
    int unorderedBlocks() {
        return unordered.cardinality();
    }

    /** Hashes {@code partial}, the whole of {@code block}. */
    private void hash(int block) {
        ensure(block + 1);
        sha.update(salt);
        sha.update(partial);
        try {
            sha.digest(digests, block * DIGEST_SIZE, DIGEST_SIZE);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the blocks that bytes {@code from} to {@code to} touch as to be read back. */
    private void mark(long from, long to) {
        if (to > from) {
            unordered.set(Math.toIntExact(from / BLOCK_SIZE), Math.toIntExact((to - 1) / BLOCK_SIZE) + 1);
        }
    }

    private void ensure(int blocks) {
        if (digests.length < blocks * DIGEST_SIZE) {
            digests = Arrays.copyOf(digests, Math.max(blocks * DIGEST_SIZE, digests.length * 2));
        }
    }
}
