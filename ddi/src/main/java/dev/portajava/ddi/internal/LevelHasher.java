package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.HashTreeLayout.BLOCK_SIZE;
import static dev.portajava.ddi.internal.HashTreeLayout.DIGEST_SIZE;
import static dev.portajava.ddi.internal.HashTreeLayout.DIGESTS_PER_BLOCK;

import dev.portajava.digest.Sha256;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.stream.LongStream;

/**
 * Hashes one level of a dm-verity tree: SHA-256(salt ‖ block) of every 4096-byte input block, 128 digests per
 * output block, the tail of the last output block zero. The input is cut into batches that are hashed in parallel
 * over the cores, each read straight from the file into a buffer of its own thread, so memory stays a few
 * megabytes per core whatever the input size.
 */
final class LevelHasher {

    /** Output hash blocks per batch: 8 hash blocks cover 1024 input blocks, 4 MiB. */
    static final int BATCH_HASH_BLOCKS = 8;
    private static final int BATCH_INPUT_BLOCKS = BATCH_HASH_BLOCKS * DIGESTS_PER_BLOCK;

    private final byte[] salt;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Sha256::digest);
    private final ThreadLocal<ByteBuffer> inputs =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(BATCH_INPUT_BLOCKS * BLOCK_SIZE));
    private final ThreadLocal<byte[]> outputs = ThreadLocal.withInitial(() -> new byte[BATCH_HASH_BLOCKS * BLOCK_SIZE]);

    LevelHasher(byte[] salt) {
        this.salt = salt.clone();
    }

    /** What to do with the hash blocks of one batch; called from several threads at once. */
    interface BatchSink {
        /**
         * @param firstHashBlock the index, in this level, of the first hash block in {@code blocks}
         * @param length the number of bytes of {@code blocks} that hold hash blocks (whole blocks)
         */
        void accept(long firstHashBlock, byte[] blocks, int length) throws IOException;
    }

    /** Hashes {@code inputBlocks} blocks of {@code in} from byte {@code inOffset} and hands the result to {@code sink}. */
    void hash(FileChannel in, long inOffset, long inputBlocks, BatchSink sink) throws IOException {
        long batches = (inputBlocks + BATCH_INPUT_BLOCKS - 1) / BATCH_INPUT_BLOCKS;
        try {
            LongStream.range(0, batches).parallel().forEach(batch -> {
                try {
                    hashBatch(in, inOffset, inputBlocks, batch, sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void hashBatch(FileChannel in, long inOffset, long inputBlocks, long batch, BatchSink sink)
            throws IOException {
        long first = batch * BATCH_INPUT_BLOCKS;
        int count = (int) Math.min(BATCH_INPUT_BLOCKS, inputBlocks - first);
        ByteBuffer input = inputs.get().clear().limit(count * BLOCK_SIZE);
        readFully(in, input, inOffset + first * BLOCK_SIZE);
        byte[] data = input.array();
        byte[] output = outputs.get();
        int hashBlocks = (count + DIGESTS_PER_BLOCK - 1) / DIGESTS_PER_BLOCK;
        java.util.Arrays.fill(output, 0, hashBlocks * BLOCK_SIZE, (byte) 0);
        MessageDigest digest = digests.get();
        for (int i = 0; i < count; i++) {
            digest.update(salt);
            digest.update(data, i * BLOCK_SIZE, BLOCK_SIZE);
            try {
                digest.digest(output, (i / DIGESTS_PER_BLOCK) * BLOCK_SIZE + (i % DIGESTS_PER_BLOCK) * DIGEST_SIZE,
                        DIGEST_SIZE);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
        }
        sink.accept(batch * BATCH_HASH_BLOCKS, output, hashBlocks * BLOCK_SIZE);
    }

    /** SHA-256(salt ‖ the block at {@code offset}). */
    byte[] hashBlock(FileChannel in, long offset) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK_SIZE);
        readFully(in, block, offset);
        MessageDigest digest = digests.get();
        digest.update(salt);
        digest.update(block.array());
        return digest.digest();
    }

    static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = in.read(buffer, at);
            if (read < 0) {
                throw new EOFException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
    }

}
