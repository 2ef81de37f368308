package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** Raw lz4 blocks (no frame), as mksquashfs's lz4 compressor writes them; level 1 to 12 is lz4's HC mode. */
final class Lz4Codec implements Codec {

    private final int level;
    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;
    private byte[] buffer = new byte[0];

    Lz4Codec(int level) {
        this.level = level;
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level == 0 ? factory.fastCompressor() : factory.highCompressor(level);
        this.decompressor = factory.safeDecompressor();
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst) {
        int bound = compressor.maxCompressedLength(len);
        if (buffer.length < bound) {
            buffer = new byte[bound];
        }
        int n = compressor.compress(src, off, len, buffer, 0, bound);
        if (n >= len) {
            return -1;
        }
        System.arraycopy(buffer, 0, dst, 0, n);
        return n;
    }

    @Override
    public int decompress(byte[] src, int off, int len, byte[] dst, int max) throws CorruptImageException {
        try {
            return decompressor.decompress(src, off, len, dst, 0, max);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw new CorruptImageException("an lz4 block is corrupt: " + e.getMessage());
        }
    }

    @Override
    public byte[] options() {
        // struct lz4_comp_opts { int version; int flags; }: version 1 (LZ4_LEGACY), flag 1 for HC. mksquashfs
        // always writes it, and unsquashfs needs it to know the format.
        return new byte[] {1, 0, 0, 0, (byte) (level == 0 ? 0 : 1), 0, 0, 0};
    }
}
