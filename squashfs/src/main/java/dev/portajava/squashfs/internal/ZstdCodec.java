package dev.portajava.squashfs.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.portajava.squashfs.CorruptImageException;

/** One zstd frame per block, as mksquashfs's zstd compressor writes it (ZSTD_compressCCtx). */
final class ZstdCodec implements Codec {

    private final int level;
    private ZstdCompressCtx compressor;
    private ZstdDecompressCtx decompressor;
    private byte[] buffer = new byte[0];

    ZstdCodec(int level) {
        this.level = level;
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst) {
        if (compressor == null) {
            compressor = new ZstdCompressCtx().setLevel(level).setContentSize(true).setChecksum(false);
        }
        int bound = (int) Zstd.compressBound(len);
        if (buffer.length < bound) {
            buffer = new byte[bound];
        }
        int n = compressor.compressByteArray(buffer, 0, bound, src, off, len);
        if (n >= len) {
            return -1;
        }
        System.arraycopy(buffer, 0, dst, 0, n);
        return n;
    }

    @Override
    public int decompress(byte[] src, int off, int len, byte[] dst, int max) throws CorruptImageException {
        if (decompressor == null) {
            decompressor = new ZstdDecompressCtx();
        }
        try {
            return decompressor.decompressByteArray(dst, 0, max, src, off, len);
        } catch (ZstdException e) {
            throw new CorruptImageException("a zstd block is corrupt: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (compressor != null) {
            compressor.close();
        }
        if (decompressor != null) {
            decompressor.close();
        }
    }

    @Override
    public byte[] options() {
        // struct zstd_comp_opts { int compression_level; }, written only for a level other than 15
        return level == 15 ? null : new byte[] {(byte) level, 0, 0, 0};
    }
}
