package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.CorruptImageException;

/** One compressor of a squashfs image. Not thread safe: each thread makes its own with {@link #create}. */
public interface Codec {

    /**
     * Compresses {@code len} bytes into {@code dst}, which has room for {@code len}; returns the compressed length, or
     * -1 when it would not be smaller than {@code len} (then {@code dst} holds nothing of use).
     */
    int compress(byte[] src, int off, int len, byte[] dst);

    /** The compressed form of {@code len} bytes, or null if it would not be smaller than them. */
    default byte[] compress(byte[] src, int off, int len) {
        byte[] dst = new byte[len];
        int n = compress(src, off, len, dst);
        return n < 0 ? null : java.util.Arrays.copyOf(dst, n);
    }

    /**
     * Decompresses into {@code dst}, refusing output longer than {@code max} bytes.
     *
     * @return the number of bytes written
     */
    int decompress(byte[] src, int off, int len, byte[] dst, int max) throws CorruptImageException;

    /** Frees native memory now rather than when the garbage collector gets to it. */
    default void close() {
    }

    /** The compressor options block mksquashfs would write for these settings, or null when it writes none. */
    byte[] options();

    static Codec create(Compression compression, int level, int blockSize) {
        return switch (compression) {
            case GZIP -> new GzipCodec(level);
            case ZSTD -> new ZstdCodec(level);
            case XZ -> new XzCodec(level, blockSize);
            case LZ4 -> new Lz4Codec(level);
        };
    }

    /** A codec for reading only: the level does not matter for decompression. */
    static Codec forReading(Compression compression, int blockSize) {
        return create(compression, compression.defaultLevel(), blockSize);
    }
}
