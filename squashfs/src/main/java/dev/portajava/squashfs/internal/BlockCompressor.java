package dev.portajava.squashfs.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Compresses data and fragment blocks on a thread pool, each thread with its own codec, into arrays of the
 * {@link BufferPool}.
 */
final class BlockCompressor {

    private final ExecutorService pool;
    private final ThreadLocal<Codec> codecs;
    /** Per thread, or null when the test does not pay ({@link Incompressible#pays}). */
    private final ThreadLocal<Incompressible> incompressible;
    private final BufferPool buffers;
    private final byte[] zeros;

    BlockCompressor(ExecutorService pool, Supplier<Codec> codec, boolean testForRandomBytes, BufferPool buffers,
            int blockSize) {
        this.pool = pool;
        this.codecs = ThreadLocal.withInitial(codec);
        this.incompressible = testForRandomBytes ? ThreadLocal.withInitial(Incompressible::new) : null;
        this.buffers = buffers;
        this.zeros = new byte[blockSize];
    }

    /**
     * Compresses {@code data[0, length)}; a data block of zeros only ({@code mayBeSparse}) is stored as a hole.
     */
    Future<Block> submit(byte[] data, int length, boolean mayBeSparse) {
        return pool.submit(() -> compress(data, length, mayBeSparse));
    }

    /** Runs {@code task} on the pool: one that makes its block itself (reads it, takes it from a store). */
    Future<Block> submit(Callable<Block> task) {
        return pool.submit(task);
    }

    /**
     * The block as the image stores it: compressed, or raw when compressing does not make it smaller or when it reads
     * as random bytes ({@link Incompressible}).
     */
    Block compress(byte[] data, int length, boolean mayBeSparse) {
        if (mayBeSparse && java.util.Arrays.mismatch(data, 0, length, zeros, 0, length) < 0) {
            return new Block(null, 0);
        }
        if (incompressible != null && incompressible.get().certain(data, length)) {
            return new Block(data, length | Block.UNCOMPRESSED);
        }
        byte[] out = buffers.take();
        int n = codecs.get().compress(data, 0, length, out);
        if (n < 0) {
            buffers.give(out);
            return new Block(data, length | Block.UNCOMPRESSED);
        }
        return new Block(out, n);
    }

    /**
     * A block as stored: the first {@link #length()} bytes of {@code bytes} (null for a sparse block), its size word
     * (bit 24: uncompressed), and whether it was taken from a block store rather than compressed now.
     */
    record Block(byte[] bytes, int sizeWord, boolean fromStore) {
        static final int UNCOMPRESSED = 0x0100_0000;

        Block(byte[] bytes, int sizeWord) {
            this(bytes, sizeWord, false);
        }

        /** How many bytes the image stores. */
        int length() {
            return sizeWord & 0x00FF_FFFF;
        }
    }
}
