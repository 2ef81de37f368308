package dev.portajava.squashfs.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Compresses data and fragment blocks on a thread pool, each thread with its own codec. */
final class BlockCompressor {

    private final ExecutorService pool;
    private final ThreadLocal<Codec> codecs;
    private final byte[] zeros;

    BlockCompressor(ExecutorService pool, Supplier<Codec> codec, int blockSize) {
        this.pool = pool;
        this.codecs = ThreadLocal.withInitial(codec);
        this.zeros = new byte[blockSize];
    }

    /** Compresses {@code data}; a data block of zeros only ({@code mayBeSparse}) is stored as a hole. */
    Future<Block> submit(byte[] data, boolean mayBeSparse) {
        return pool.submit(() -> compress(data, mayBeSparse));
    }

    /** Runs {@code task} on the pool: one that makes its block itself (reads it, takes it from a store). */
    Future<Block> submit(Callable<Block> task) {
        return pool.submit(task);
    }

    /** The block as the image stores it: compressed, or raw when compressing does not make it smaller. */
    Block compress(byte[] data, boolean mayBeSparse) {
        if (mayBeSparse && java.util.Arrays.mismatch(data, 0, data.length, zeros, 0, data.length) < 0) {
            return new Block(null, 0);
        }
        byte[] compressed = codecs.get().compress(data, 0, data.length);
        return compressed == null ? new Block(data, data.length | Block.UNCOMPRESSED)
                : new Block(compressed, compressed.length);
    }

    /**
     * A block as stored: its bytes (null for a sparse block), its size word (bit 24: uncompressed), and whether it
     * was taken from a block store rather than compressed now.
     */
    record Block(byte[] bytes, int sizeWord, boolean fromStore) {
        static final int UNCOMPRESSED = 0x0100_0000;

        Block(byte[] bytes, int sizeWord) {
            this(bytes, sizeWord, false);
        }
    }
}
