package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Finds fragment blocks through the fragment table and keeps the last one read decompressed. */
final class FragmentTable {

    private static final int PER_BLOCK = MetadataWriter.BLOCK / 16;

    private final ImageBytes source;
    private final Superblock superblock;
    private final MetadataReader metadata;
    private long cachedIndex = -1;
    private byte[] cached;

    FragmentTable(ImageBytes source, Superblock superblock, MetadataReader metadata) {
        this.source = source;
        this.superblock = superblock;
        this.metadata = metadata;
    }

    synchronized byte[] read(ImageReader reader, long index, int offset, int length) throws CorruptImageException {
        if (index >= superblock.fragmentCount()) {
            throw reader.corrupt("fragment " + index + " does not exist (" + superblock.fragmentCount() + " fragments)");
        }
        if (index != cachedIndex) {
            cached = load(reader, index);
            cachedIndex = index;
        }
        if (offset < 0 || length < 0 || offset > cached.length - length) {
            throw reader.corrupt("fragment " + index + " holds " + cached.length + " bytes, not " + length + " at "
                    + offset);
        }
        byte[] out = new byte[length];
        System.arraycopy(cached, offset, out, 0, length);
        return out;
    }

    /** Where a fragment block is stored: its position and its size word (stored length, uncompressed bit). */
    record Location(long start, long sizeWord) {
        long length() {
            return sizeWord & 0x00FF_FFFF;
        }
    }

    synchronized Location location(ImageReader reader, long index) throws CorruptImageException {
        if (index >= superblock.fragmentCount()) {
            throw reader.corrupt("fragment " + index + " does not exist (" + superblock.fragmentCount() + " fragments)");
        }
        long table = superblock.fragmentTableStart();
        byte[] pointer = source.read(table + index / PER_BLOCK * 8, 8, superblock.bytesUsed());
        long block = ByteBuffer.wrap(pointer).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (block < superblock.directoryTableStart() || block >= table) {
            throw reader.corrupt("the fragment table block at " + block + " is out of bounds");
        }
        MetadataReader.Cursor cursor = metadata.cursor(block, (int) (index % PER_BLOCK) * 16, table);
        long start = cursor.u64();
        long sizeWord = cursor.u32();
        if (start < Superblock.SIZE || start >= superblock.inodeTableStart()) {
            throw reader.corrupt("fragment " + index + " starts out of bounds, at " + start);
        }
        return new Location(start, sizeWord);
    }

    private byte[] load(ImageReader reader, long index) throws CorruptImageException {
        Location location = location(reader, index);
        byte[] data = new byte[superblock.blockSize()];
        int n = reader.readBlock(location.start(), location.sizeWord(), data, -1);
        return java.util.Arrays.copyOf(data, n);
    }
}
