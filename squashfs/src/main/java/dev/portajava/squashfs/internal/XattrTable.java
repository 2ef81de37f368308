package dev.portajava.squashfs.internal;

import dev.portajava.tree.FileNames;
import dev.portajava.tree.Xattrs;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended attributes of an image, as the kernel reads them: the key-value pairs of each distinct set in
 * metadata blocks (a key is its namespace as a type, 0 user, 1 trusted, 2 security, and the rest of its name; each
 * value follows its key), then the xattr id table: for each set, where its pairs start, their count and size, in
 * metadata blocks, then a header (where the pairs start, the number of sets) and the positions of the id table's
 * blocks. The superblock points to that header, which ends the image. An inode names its set by index; inodes
 * with the same attributes share a set.
 */
final class XattrTable {

    /** The index of no set. */
    static final long NONE = 0xFFFF_FFFFL;

    private static final String[] PREFIXES = {"user.", "trusted.", "security."};
    private static final int ID_ENTRY = 16;

    private final MetadataWriter pairs;
    private final Map<Xattrs, Long> indexes = new HashMap<>();
    private final LittleEndian ids = new LittleEndian();

    XattrTable(Codec codec) {
        this.pairs = new MetadataWriter(codec);
    }

    /** The index of this set, written the first time it is asked for; {@link #NONE} for no attributes. */
    long indexOf(Xattrs xattrs) {
        if (xattrs.isEmpty()) {
            return NONE;
        }
        Long known = indexes.get(xattrs);
        if (known != null) {
            return known;
        }
        long reference = pairs.reference();
        LittleEndian set = new LittleEndian();
        xattrs.forEach((name, value) -> {
            int type = typeOf(name);
            byte[] key = FileNames.encode(name.substring(PREFIXES[type].length()));
            set.u16(type).u16(key.length).bytes(key).u32(value.length).bytes(value);
        });
        byte[] bytes = set.toByteArray();
        pairs.write(bytes);
        ids.u64(reference).u32(xattrs.size()).u32(bytes.length);
        long index = indexes.size();
        indexes.put(xattrs, index);
        return index;
    }

    boolean isEmpty() {
        return indexes.isEmpty();
    }

    /**
     * The whole table written at {@code start}: the pairs, the id table's blocks, the header and the blocks'
     * positions. The superblock's pointer is {@link #pointer}.
     */
    Layout finish(Codec codec, long start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pairBytes = pairs.finish();
        out.write(pairBytes, 0, pairBytes.length);
        byte[] entries = ids.toByteArray();
        List<Long> positions = new ArrayList<>();
        for (int off = 0; off < entries.length; off += MetadataWriter.BLOCK) {
            positions.add(start + out.size());
            int len = Math.min(MetadataWriter.BLOCK, entries.length - off);
            MetadataWriter.writeBlock(codec, java.util.Arrays.copyOfRange(entries, off, off + len), len, out);
        }
        long pointer = start + out.size();
        ByteBuffer header = ByteBuffer.allocate(16 + 8 * positions.size()).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(start).putInt(entries.length / ID_ENTRY).putInt(0);
        positions.forEach(header::putLong);
        out.write(header.array(), 0, header.capacity());
        return new Layout(out.toByteArray(), pointer);
    }

    /** The table's bytes and where, in the image, its header is. */
    record Layout(byte[] bytes, long pointer) {
    }

    private static int typeOf(String name) {
        for (int i = 0; i < PREFIXES.length; i++) {
            if (name.startsWith(PREFIXES[i])) {
                return i;
            }
        }
        throw new IllegalArgumentException("xattr " + name + " has no namespace squashfs stores");
    }
}
