package dev.portajava.squashfs.internal;

import java.io.ByteArrayOutputStream;

/**
 * A table of 8 KiB metadata blocks (the inode and directory tables), kept in memory: each block is compressed
 * when it is full and stored with a two-byte header (its length, bit 15 set when stored uncompressed).
 */
final class MetadataWriter {

    static final int BLOCK = 8192;

    private final Codec codec;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] block = new byte[BLOCK];
    private int fill;

    MetadataWriter(Codec codec) {
        this.codec = codec;
    }

    /** Where the next byte goes: the block's start in the table, shifted left 16, plus the offset in the block. */
    long reference() {
        return ((long) out.size() << 16) | fill;
    }

    /** The start, in the table, of the block the next byte goes into. */
    int blockStart() {
        return out.size();
    }

    int offset() {
        return fill;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, BLOCK - fill);
            System.arraycopy(bytes, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == BLOCK) {
                flush();
            }
        }
    }

    /** The whole table, the last block flushed. */
    byte[] finish() {
        if (fill > 0) {
            flush();
        }
        return out.toByteArray();
    }

    private void flush() {
        writeBlock(codec, block, fill, out);
        fill = 0;
    }

    static void writeBlock(Codec codec, byte[] data, int len, ByteArrayOutputStream out) {
        byte[] compressed = codec.compress(data, 0, len);
        int header = compressed == null ? len | 0x8000 : compressed.length;
        out.write(header & 0xFF);
        out.write(header >>> 8);
        if (compressed == null) {
            out.write(data, 0, len);
        } else {
            out.write(compressed, 0, compressed.length);
        }
    }
}
