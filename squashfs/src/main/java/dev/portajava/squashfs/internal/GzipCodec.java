package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib streams (window 15, memory level 8), as mksquashfs's gzip compressor writes them. */
final class GzipCodec implements Codec {

    private final int level;
    private Deflater deflater;
    private Inflater inflater;

    GzipCodec(int level) {
        this.level = level;
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst) {
        if (deflater == null) {
            deflater = new Deflater(level);
        }
        deflater.reset();
        deflater.setInput(src, off, len);
        deflater.finish();
        int n = 0;
        while (!deflater.finished() && n < len) {
            n += deflater.deflate(dst, n, len - n);
        }
        return deflater.finished() && n < len ? n : -1;
    }

    @Override
    public int decompress(byte[] src, int off, int len, byte[] dst, int max) throws CorruptImageException {
        if (inflater == null) {
            inflater = new Inflater();
        }
        inflater.reset();
        inflater.setInput(src, off, len);
        try {
            int n = 0;
            while (!inflater.finished()) {
                int got = inflater.inflate(dst, n, max - n);
                n += got;
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary() || n == max)) {
                    if (n == max && !inflater.needsInput() && !inflater.needsDictionary()
                            && inflater.inflate(new byte[1]) == 0 && inflater.finished()) {
                        break;
                    }
                    throw new CorruptImageException("a gzip block is truncated or longer than " + max + " bytes");
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new CorruptImageException("a gzip block is corrupt: " + e.getMessage());
        }
    }

    @Override
    public byte[] options() {
        if (level == 9) {
            return null;
        }
        // struct gzip_comp_opts { int compression_level; short window_size; short strategy; }
        return new byte[] {(byte) level, 0, 0, 0, 15, 0, 0, 0};
    }
}
