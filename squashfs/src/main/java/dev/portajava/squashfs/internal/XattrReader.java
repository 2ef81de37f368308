package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.Xattrs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the extended attributes of an inode from the image's xattr table (see {@link XattrTable} for the format;
 * values may also be stored out of line, as a reference to a value stored earlier, which mksquashfs does for a
 * repeated value). Every position, count and length is checked against the table before it is used.
 */
final class XattrReader {

    private static final String[] PREFIXES = {"user.", "trusted.", "security."};
    private static final int OUT_OF_LINE = 0x100;
    private static final int ID_ENTRY = 16;
    private static final int MAX_PAIRS = 1 << 16;

    private final ImageReader reader;
    private final MetadataReader metadata;
    private final long header;
    private final long pairsStart;
    private final long ids;

    private XattrReader(ImageReader reader, MetadataReader metadata, long header, long pairsStart, long ids) {
        this.reader = reader;
        this.metadata = metadata;
        this.header = header;
        this.pairsStart = pairsStart;
        this.ids = ids;
    }

    /** The reader of the table the superblock points to; null when the image has none. */
    static XattrReader open(ImageReader reader, MetadataReader metadata) throws CorruptImageException {
        Superblock s = reader.superblock();
        long header = s.xattrTableStart();
        if (header == Superblock.NONE) {
            return null;
        }
        if (header < s.directoryTableStart() || header > s.bytesUsed() - 16) {
            throw reader.corrupt("the xattr table at " + header + " is out of bounds");
        }
        ByteBuffer b = ByteBuffer.wrap(reader.read(header, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long pairsStart = b.getLong(0);
        long ids = b.getInt(8) & 0xFFFF_FFFFL;
        if (pairsStart < s.directoryTableStart() || pairsStart > header) {
            throw reader.corrupt("the xattr pairs at " + pairsStart + " are out of bounds");
        }
        return new XattrReader(reader, metadata, header, pairsStart, ids);
    }

    /** The attributes of set {@code index}. */
    Xattrs read(long index) throws CorruptImageException {
        if (index >= ids) {
            throw reader.corrupt("xattr set " + index + " does not exist (" + ids + " sets)");
        }
        long block = index * ID_ENTRY / MetadataWriter.BLOCK;
        long position = ByteBuffer.wrap(reader.read(header + 16 + block * 8, 8)).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(0);
        if (position < pairsStart || position >= header) {
            throw reader.corrupt("the xattr id table block at " + position + " is out of bounds");
        }
        MetadataReader.Cursor id = metadata.cursor(position, (int) (index * ID_ENTRY % MetadataWriter.BLOCK), header);
        long reference = id.u64();
        long count = id.u32();
        id.u32(); // the size of the pairs: they are read one by one
        if (count == 0 || count > MAX_PAIRS) {
            throw reader.corrupt("xattr set " + index + " has " + count + " attributes");
        }
        MetadataReader.Cursor pairs = cursor(reference);
        Xattrs xattrs = Xattrs.NONE;
        Set<String> names = new HashSet<>();
        for (long i = 0; i < count; i++) {
            int type = pairs.u16();
            int nameSize = pairs.u16();
            if ((type & ~OUT_OF_LINE) >= PREFIXES.length || nameSize == 0 || nameSize > Xattrs.MAX_NAME_BYTES) {
                throw reader.corrupt("xattr set " + index + " has a key of type " + type + " and " + nameSize
                        + " bytes");
            }
            String name = PREFIXES[type & ~OUT_OF_LINE] + FileNames.decode(pairs.bytes(nameSize));
            byte[] value = (type & OUT_OF_LINE) != 0 ? outOfLine(pairs, index) : value(pairs, index);
            if (!names.add(name)) {
                throw reader.corrupt("xattr set " + index + " names " + name + " twice");
            }
            try {
                xattrs = xattrs.with(name, value);
            } catch (IllegalArgumentException e) {
                throw reader.corrupt("xattr set " + index + ": " + e.getMessage());
            }
        }
        return xattrs;
    }

    private byte[] value(MetadataReader.Cursor cursor, long index) throws CorruptImageException {
        long size = cursor.u32();
        if (size > Xattrs.MAX_VALUE_BYTES) {
            throw reader.corrupt("xattr set " + index + " has a value of " + size + " bytes");
        }
        return cursor.bytes((int) size);
    }

    /** A value stored elsewhere: the pair holds an 8-byte reference to it. */
    private byte[] outOfLine(MetadataReader.Cursor cursor, long index) throws CorruptImageException {
        if (cursor.u32() != 8) {
            throw reader.corrupt("xattr set " + index + " has an out-of-line value without a reference");
        }
        return value(cursor(cursor.u64()), index);
    }

    private MetadataReader.Cursor cursor(long reference) throws CorruptImageException {
        long block = reference >>> 16;
        int offset = (int) (reference & 0xFFFF);
        if (block >= header - pairsStart || offset >= MetadataWriter.BLOCK) {
            throw reader.corrupt("xattr reference " + Long.toHexString(reference) + " is outside the xattr pairs");
        }
        return metadata.cursor(pairsStart + block, offset, header);
    }
}
