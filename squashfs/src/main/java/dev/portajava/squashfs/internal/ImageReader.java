package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a squashfs image: its superblock and id table when opened, inodes, directory listings and file data on
 * demand. Every offset, length and count read from the image is checked against the image before it is used, so
 * a damaged or hostile image ends in a {@link CorruptImageException}: no unbounded allocation, no endless loop.
 */
public final class ImageReader implements AutoCloseable {

    /** The most entries one directory may have: more would not fit a reader's memory, and no real tree has them. */
    public static final int MAX_ENTRIES = 1 << 20;

    private final ImageBytes source;
    private final Superblock superblock;
    private final Codec codec;
    private final Codec dataCodec;
    private final MetadataReader metadata;
    private final FragmentTable fragments;
    private int[] ids;
    private XattrReader xattrs;
    private boolean xattrsOpened;

    private ImageReader(ImageBytes source, Superblock superblock) throws CorruptImageException {
        this.source = source;
        this.superblock = superblock;
        this.codec = Codec.forReading(superblock.compression(), superblock.blockSize());
        this.dataCodec = Codec.forReading(superblock.compression(), superblock.blockSize());
        this.metadata = new MetadataReader(source, codec);
        this.fragments = new FragmentTable(source, superblock, metadata);
    }

    public static ImageReader open(ImageBytes source) throws CorruptImageException {
        byte[] header = source.read(0, Math.min(Superblock.SIZE, (int) Math.min(source.size(), Superblock.SIZE)),
                source.size());
        Superblock superblock;
        try {
            superblock = Superblock.parse(header, source.size());
        } catch (CorruptImageException e) {
            throw new CorruptImageException(source.name() + ": " + e.getMessage());
        }
        return new ImageReader(source, superblock);
    }

    public Superblock superblock() {
        return superblock;
    }

    public String name() {
        return source.name();
    }

    public Inode root() throws CorruptImageException {
        return inode(superblock.rootInode());
    }

    public Inode inode(long reference) throws CorruptImageException {
        return InodeParser.parse(this, reference);
    }

    MetadataReader.Cursor inodeCursor(long reference) throws CorruptImageException {
        long block = reference >>> 16;
        int offset = (int) (reference & 0xFFFF);
        long tableLength = superblock.directoryTableStart() - superblock.inodeTableStart();
        if (block >= tableLength || offset >= MetadataWriter.BLOCK) {
            throw corrupt("inode reference " + Long.toHexString(reference) + " is outside the inode table");
        }
        return metadata.cursor(superblock.inodeTableStart() + block, offset, superblock.directoryTableStart());
    }

    MetadataReader.Cursor blockListCursor(Inode file) {
        return metadata.cursor(file.blockListPosition(), file.blockListOffset(), superblock.directoryTableStart());
    }

    MetadataReader.Cursor directoryCursor(long block, int offset) throws CorruptImageException {
        if (block >= superblock.bytesUsed() - superblock.directoryTableStart() || offset >= MetadataWriter.BLOCK) {
            throw corrupt("a directory listing at " + block + ":" + offset + " is outside the directory table");
        }
        return metadata.cursor(superblock.directoryTableStart() + block, offset, superblock.bytesUsed());
    }

    /** The uid or gid at {@code index}; the id table is read on first use, so a damaged one spares the rest. */
    synchronized int id(int index) throws CorruptImageException {
        if (ids == null) {
            ids = readIds();
        }
        if (index >= ids.length) {
            throw corrupt("id index " + index + " is outside the id table (" + ids.length + " ids)");
        }
        return ids[index];
    }

    /** The extended attributes of an inode; the xattr table is opened on first use. */
    public synchronized Xattrs xattrs(Inode inode) throws CorruptImageException {
        if (inode.xattr() == Inode.NO_XATTR) {
            return Xattrs.NONE;
        }
        if (!xattrsOpened) {
            xattrs = XattrReader.open(this, metadata);
            xattrsOpened = true;
        }
        if (xattrs == null) {
            throw corrupt("inode " + inode.number() + " names xattr set " + inode.xattr()
                    + " but the image has no xattr table");
        }
        return xattrs.read(inode.xattr());
    }

    /** Reads a directory's entries in their stored order, handing each name and inode to {@code visitor}. */
    public void list(Inode dir, DirectoryVisitor visitor) throws CorruptImageException {
        DirectoryParser.list(this, dir, visitor);
    }

    /** The contents of a regular file, checked block by block. */
    public InputStream data(Inode file) throws CorruptImageException {
        if (file.type() != EntryType.FILE) {
            throw new IllegalArgumentException("not a file: inode " + file.number());
        }
        return new FileDataStream(this, file);
    }

    /** A data block at {@code position}: its size word says its stored length and whether it is compressed. */
    synchronized int readBlock(long position, long sizeWord, byte[] into, int expected) throws CorruptImageException {
        int size = (int) (sizeWord & 0x00FF_FFFF);
        if ((sizeWord & ~0x01FF_FFFFL) != 0 || size > superblock.blockSize() || size == 0) {
            throw corrupt("a data block at " + position + " has size word " + Long.toHexString(sizeWord));
        }
        byte[] stored = source.read(position, size, superblock.bytesUsed());
        int n;
        if ((sizeWord & 0x0100_0000L) != 0) {
            System.arraycopy(stored, 0, into, 0, size);
            n = size;
        } else {
            try {
                n = dataCodec.decompress(stored, 0, size, into, into.length);
            } catch (CorruptImageException e) {
                throw corrupt("the data block at " + position + ": " + e.getMessage());
            }
        }
        if (expected >= 0 && n != expected) {
            throw corrupt("a data block at " + position + " holds " + n + " bytes, " + expected + " expected");
        }
        return n;
    }

    /** Where fragment block {@code index} is stored, read from the fragment table; the block itself is not read. */
    FragmentTable.Location fragmentLocation(long index) throws CorruptImageException {
        return fragments.location(this, index);
    }

    /** The bytes of a fragment: {@code length} bytes at {@code offset} of fragment block {@code index}. */
    byte[] fragment(long index, int offset, int length) throws CorruptImageException {
        return fragments.read(this, index, offset, length);
    }

    /** {@code len} bytes at {@code position}, within the bytes the file system uses. */
    byte[] read(long position, int len) throws CorruptImageException {
        return source.read(position, len, superblock.bytesUsed());
    }

    CorruptImageException corrupt(String problem) {
        return new CorruptImageException(source.name() + ": " + problem);
    }

    private int[] readIds() throws CorruptImageException {
        int count = superblock.idCount();
        byte[] entries = readTable(superblock.idTableStart(), count * 4L);
        ByteBuffer b = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = b.getInt();
        }
        return result;
    }

    /** The entries of a lookup table (id, fragment or export) whose block list starts at {@code start}. */
    byte[] readTable(long start, long length) throws CorruptImageException {
        int blocks = (int) ((length + MetadataWriter.BLOCK - 1) / MetadataWriter.BLOCK);
        byte[] index = source.read(start, blocks * 8, superblock.bytesUsed());
        ByteBuffer b = ByteBuffer.wrap(index).order(ByteOrder.LITTLE_ENDIAN);
        byte[] out = new byte[(int) length];
        int done = 0;
        for (int i = 0; i < blocks; i++) {
            long position = b.getLong();
            if (position < superblock.directoryTableStart() || position >= start) {
                throw corrupt("a lookup table block at " + position + " is out of bounds");
            }
            byte[] data = metadata.block(position, start).data();
            int n = Math.min(data.length, out.length - done);
            if (data.length < Math.min(MetadataWriter.BLOCK, out.length - done)) {
                throw corrupt("a lookup table block at " + position + " is short");
            }
            System.arraycopy(data, 0, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        codec.close();
        dataCodec.close();
        source.close();
    }

    /** Receives directory entries. */
    @FunctionalInterface
    public interface DirectoryVisitor {
        void entry(byte[] name, Inode inode) throws CorruptImageException;
    }
}
