package dev.portajava.squashfs.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fragment, export and id tables: their entries in metadata blocks, followed by the list of those blocks'
 * positions, which is where the superblock points.
 */
final class LookupTable {

    private LookupTable() {
    }

    /**
     * The table's bytes when written at {@code start}; the superblock's pointer is {@code start} plus the length
     * of the metadata blocks, which is the result's length minus 8 per block.
     */
    static byte[] build(Codec codec, byte[] entries, long start) {
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        int count = (entries.length + MetadataWriter.BLOCK - 1) / MetadataWriter.BLOCK;
        ByteBuffer index = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < entries.length; off += MetadataWriter.BLOCK) {
            index.putLong(start + blocks.size());
            int len = Math.min(MetadataWriter.BLOCK, entries.length - off);
            byte[] chunk = new byte[len];
            System.arraycopy(entries, off, chunk, 0, len);
            MetadataWriter.writeBlock(codec, chunk, len, blocks);
        }
        blocks.write(index.array(), 0, index.capacity());
        return blocks.toByteArray();
    }

    /** Where the list of block positions starts in a table {@link #build} made. */
    static long pointer(byte[] table, long start, int entryBytes) {
        int count = (entryBytes + MetadataWriter.BLOCK - 1) / MetadataWriter.BLOCK;
        return start + table.length - count * 8L;
    }
}
