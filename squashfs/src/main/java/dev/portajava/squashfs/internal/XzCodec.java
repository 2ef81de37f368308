package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * One .xz stream per block with a CRC32 check and LZMA2 whose dictionary is the block size, as mksquashfs's xz
 * compressor writes it (no BCJ filters).
 */
final class XzCodec implements Codec {

    /** The decoder's memory limit: the kernel's own dictionary limit is the block size, at most 1 MiB. */
    private static final int MEMORY_LIMIT_KIB = 8 * 1024;

    private final LZMA2Options options;
    private final ArrayCache cache = new BasicArrayCache();

    XzCodec(int preset, int blockSize) {
        try {
            options = new LZMA2Options(preset);
            options.setDictSize(blockSize);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException("xz cannot use preset " + preset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
        try (XZOutputStream xz = new XZOutputStream(out, options, XZ.CHECK_CRC32, cache)) {
            xz.write(src, off, len);
        } catch (IOException e) {
            throw new IllegalStateException("xz failed in memory: " + e.getMessage(), e);
        }
        if (out.size() >= len) {
            return -1;
        }
        byte[] bytes = out.toByteArray();
        System.arraycopy(bytes, 0, dst, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public int decompress(byte[] src, int off, int len, byte[] dst, int max) throws CorruptImageException {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(src, off, len), MEMORY_LIMIT_KIB, true, cache)) {
            int n = in.readNBytes(dst, 0, max);
            if (in.read() != -1) {
                throw new CorruptImageException("an xz block is longer than " + max + " bytes");
            }
            return n;
        } catch (IOException e) {
            throw new CorruptImageException("an xz block is corrupt: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new CorruptImageException("an xz block is corrupt: " + e);
        }
    }

    @Override
    public byte[] options() {
        return null;
    }
}
