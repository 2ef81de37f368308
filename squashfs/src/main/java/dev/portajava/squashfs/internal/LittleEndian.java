package dev.portajava.squashfs.internal;

import java.io.ByteArrayOutputStream;

/** A growing little-endian byte record: an inode, a directory header, a table entry. */
final class LittleEndian extends ByteArrayOutputStream {

    LittleEndian() {
        super(64);
    }

    LittleEndian u16(int v) {
        write(v & 0xFF);
        write((v >>> 8) & 0xFF);
        return this;
    }

    LittleEndian u32(long v) {
        for (int i = 0; i < 32; i += 8) {
            write((int) (v >>> i) & 0xFF);
        }
        return this;
    }

    LittleEndian u64(long v) {
        for (int i = 0; i < 64; i += 8) {
            write((int) (v >>> i) & 0xFF);
        }
        return this;
    }

    LittleEndian bytes(byte[] b) {
        write(b, 0, b.length);
        return this;
    }
}
