package dev.portajava.ddi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The least of a squashfs 4.0 reader that names what lies at a byte range of the image: the files whose data
 * blocks or fragment overlap it, or the table it belongs to. It reads the superblock, the inode, directory and
 * fragment tables, with gzip-compressed or uncompressed metadata (other compressors are not read).
 */
public final class SquashfsFiles {

    private static final int MAGIC = 0x73717368;
    private static final int GZIP = 1;
    private static final int METADATA_SIZE = 8192;

    private final FileChannel image;
    private final long base;
    private final ByteBuffer superblock;
    private final Map<Long, byte[]> metadataCache = new HashMap<>();

    private SquashfsFiles(FileChannel image, long base, ByteBuffer superblock) {
        this.image = image;
        this.base = base;
        this.superblock = superblock;
    }

    /**
     * What lies at bytes {@code [from, to)} of the squashfs at {@code base} in {@code image}: "/usr/bin/x", or a
     * table's name; empty if the file system cannot be read (not a squashfs, another compressor, damaged tables).
     */
    public static Optional<String> describe(FileChannel image, long base, long from, long to) {
        try {
            ByteBuffer superblock = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
            LevelHasher.readFully(image, superblock, base);
            int compressor = Short.toUnsignedInt(superblock.getShort(20));
            if (superblock.getInt(0) != MAGIC || superblock.getShort(28) != 4 || compressor != GZIP) {
                return Optional.empty();
            }
            return new SquashfsFiles(image, base, superblock).describe(from, to);
        } catch (IOException | DataFormatException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> describe(long from, long to) throws IOException, DataFormatException {
        if (from < 96) {
            return Optional.of("the squashfs superblock");
        }
        long inodeTable = superblock.getLong(64);
        long directoryTable = superblock.getLong(72);
        long fragmentTable = superblock.getLong(80);
        List<String> files = new ArrayList<>();
        Map<Integer, List<String>> fragmentUsers = new HashMap<>();
        try {
            walk(superblock.getLong(32), "", files, fragmentUsers, from, to, 0);
        } catch (DataFormatException | RuntimeException e) {
            // the damage is in the tables themselves: name the table only
            files.clear();
            fragmentUsers.clear();
        }
        List<String> fragmentFiles = new ArrayList<>();
        int fragments = superblock.getInt(16);
        for (int index = 0; index < fragments && !fragmentUsers.isEmpty(); index++) {
            if (!fragmentUsers.containsKey(index)) {
                continue;
            }
            ByteBuffer entry = fragmentEntry(fragmentTable, index);
            long start = entry.getLong(0);
            long size = entry.getInt(8) & 0xffffffL;
            if (start < to && start + size > from) {
                fragmentFiles.addAll(fragmentUsers.get(index));
            }
        }
        files.addAll(fragmentFiles);
        List<String> parts = new ArrayList<>();
        if (!files.isEmpty()) {
            parts.add(String.join(", ", files.subList(0, Math.min(files.size(), 5)))
                    + (files.size() > 5 ? " and " + (files.size() - 5) + " more" : ""));
        }
        long bytesUsed = superblock.getLong(40);
        if (to > inodeTable && from < directoryTable) {
            parts.add("the squashfs inode table");
        }
        if (to > directoryTable && from < bytesUsed) {
            parts.add("the squashfs directory, fragment or id tables");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    /** Visits the directory whose inode is at {@code reference}, collecting files whose blocks overlap the range. */
    private void walk(long reference, String path, List<String> hits, Map<Integer, List<String>> fragmentUsers,
            long from, long to, int depth) throws IOException, DataFormatException {
        if (depth > 64) {
            return;
        }
        ByteBuffer inode = inode(reference);
        int type = Short.toUnsignedInt(inode.getShort(0));
        long block;
        long size;
        int offset;
        if (type == 1) {
            block = Integer.toUnsignedLong(inode.getInt(16));
            size = Short.toUnsignedInt(inode.getShort(24));
            offset = Short.toUnsignedInt(inode.getShort(26));
        } else if (type == 8) {
            size = Integer.toUnsignedLong(inode.getInt(20));
            block = Integer.toUnsignedLong(inode.getInt(24));
            offset = Short.toUnsignedInt(inode.getShort(34));
        } else {
            return;
        }
        byte[] listing = metadata(superblock.getLong(72), block, offset, (int) Math.max(0, size - 3));
        ByteBuffer in = ByteBuffer.wrap(listing).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 12) {
            int count = in.getInt() + 1;
            long inodeBlock = Integer.toUnsignedLong(in.getInt());
            in.getInt(); // the first inode number
            for (int i = 0; i < count && in.remaining() >= 8; i++) {
                int inodeOffset = Short.toUnsignedInt(in.getShort());
                in.getShort(); // inode number difference
                int entryType = Short.toUnsignedInt(in.getShort());
                byte[] name = new byte[Short.toUnsignedInt(in.getShort()) + 1];
                in.get(name);
                String child = path + "/" + new String(name, StandardCharsets.UTF_8);
                long childReference = (inodeBlock << 16) | inodeOffset;
                if (entryType == 1) {
                    walk(childReference, child, hits, fragmentUsers, from, to, depth + 1);
                } else if (entryType == 2) {
                    file(childReference, child, hits, fragmentUsers, from, to);
                }
            }
        }
    }

    private void file(long reference, String path, List<String> hits, Map<Integer, List<String>> fragmentUsers,
            long from, long to) throws IOException, DataFormatException {
        ByteBuffer inode = inode(reference);
        int type = Short.toUnsignedInt(inode.getShort(0));
        long start;
        long size;
        int fragment;
        int header;
        if (type == 2) {
            start = Integer.toUnsignedLong(inode.getInt(16));
            fragment = inode.getInt(20);
            size = Integer.toUnsignedLong(inode.getInt(28));
            header = 32;
        } else if (type == 9) {
            start = inode.getLong(16);
            size = inode.getLong(24);
            fragment = inode.getInt(44);
            header = 56;
        } else {
            return;
        }
        long blockSize = Integer.toUnsignedLong(superblock.getInt(12));
        long blocks = fragment == -1 ? (size + blockSize - 1) / blockSize : size / blockSize;
        ByteBuffer sizes = inode(reference, header + (int) blocks * 4);
        long end = start;
        for (int i = 0; i < blocks; i++) {
            end += sizes.getInt(header + i * 4) & 0xffffffL;
        }
        if (end > start && start < to && end > from) {
            hits.add(path);
        }
        if (fragment != -1) {
            fragmentUsers.computeIfAbsent(fragment, k -> new ArrayList<>()).add(path);
        }
    }

    private ByteBuffer inode(long reference) throws IOException, DataFormatException {
        return inode(reference, 64);
    }

    private ByteBuffer inode(long reference, int length) throws IOException, DataFormatException {
        byte[] bytes = metadata(superblock.getLong(64), reference >>> 16, (int) (reference & 0xffff), length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer fragmentEntry(long fragmentTable, int index) throws IOException, DataFormatException {
        ByteBuffer pointer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        LevelHasher.readFully(image, pointer, base + fragmentTable + (index / 512) * 8L);
        long block = pointer.getLong(0);
        byte[] entry = metadata(block, 0, (index % 512) * 16, 16);
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code length} bytes of the metadata stream at {@code table + block}, from {@code offset} in that block. */
    private byte[] metadata(long table, long block, int offset, int length) throws IOException, DataFormatException {
        byte[] out = new byte[length];
        int done = 0;
        long position = table + block;
        int skip = offset;
        while (done < length) {
            byte[] chunk = metadataBlock(position);
            int available = chunk.length - skip;
            if (available <= 0) {
                throw new DataFormatException("metadata ends early");
            }
            int take = Math.min(available, length - done);
            System.arraycopy(chunk, skip, out, done, take);
            done += take;
            skip = 0;
            position += 2 + compressedSize(position);
        }
        return out;
    }

    private int compressedSize(long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
        LevelHasher.readFully(image, header, base + position);
        return header.getShort(0) & 0x7fff;
    }

    private byte[] metadataBlock(long position) throws IOException, DataFormatException {
        byte[] cached = metadataCache.get(position);
        if (cached != null) {
            return cached;
        }
        ByteBuffer header = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
        LevelHasher.readFully(image, header, base + position);
        int word = Short.toUnsignedInt(header.getShort(0));
        int size = word & 0x7fff;
        ByteBuffer raw = ByteBuffer.allocate(size);
        LevelHasher.readFully(image, raw, base + position + 2);
        byte[] block;
        if ((word & 0x8000) != 0) {
            block = raw.array();
        } else {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(raw.array());
                byte[] buffer = new byte[METADATA_SIZE];
                int length = inflater.inflate(buffer);
                block = java.util.Arrays.copyOf(buffer, length);
            } finally {
                inflater.end();
            }
        }
        metadataCache.put(position, block);
        return block;
    }
}
