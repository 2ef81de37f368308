package dev.portajava.squashfs.internal;

import java.util.Arrays;

/**
 * A growing little-endian byte record: an inode, a directory header, a table entry. Unlike a
 * {@code ByteArrayOutputStream}, whose every write takes its lock, it is meant for one thread: the tables of a tree
 * of 100,000 files are millions of such writes.
 */
final class LittleEndian {

    private byte[] bytes = new byte[64];
    private int size;

    LittleEndian u16(int v) {
        room(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    LittleEndian u32(long v) {
        room(4);
        for (int i = 0; i < 32; i += 8) {
            bytes[size++] = (byte) (v >>> i);
        }
        return this;
    }

    LittleEndian u64(long v) {
        room(8);
        for (int i = 0; i < 64; i += 8) {
            bytes[size++] = (byte) (v >>> i);
        }
        return this;
    }

    LittleEndian bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** The number of bytes written so far. */
    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
