package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.tree.EntryType;

/** Parses the inode at a reference: the common header, then the fields of its type, basic (1-7) or extended (8-14). */
final class InodeParser {

    /** Linux's PATH_MAX: the kernel refuses longer symlink targets. */
    private static final long PATH_MAX = 4096;

    private InodeParser() {
    }

    static Inode parse(ImageReader reader, long reference) throws CorruptImageException {
        MetadataReader.Cursor c = reader.inodeCursor(reference);
        int type = c.u16();
        EntryType kind = InodeType.of(type);
        if (kind == null || type > 14) {
            throw reader.corrupt("inode " + Long.toHexString(reference) + " has unknown type " + type);
        }
        boolean extended = type > 7;
        int permissions = c.u16() & 07777;
        int uid = reader.id(c.u16());
        int gid = reader.id(c.u16());
        long mtime = c.u32();
        long number = c.u32();
        if (number == 0 || number > reader.superblock().inodeCount()) {
            throw reader.corrupt("inode number " + number + " is out of range");
        }
        long links = 1;
        long size = 0;
        long start = 0;
        int offset = 0;
        long parent = 0;
        long fragment = Inode.NO_FRAGMENT;
        int fragmentOffset = 0;
        byte[] target = null;
        long device = 0;
        long xattr = Inode.NO_XATTR;
        switch (kind) {
            case DIRECTORY -> {
                if (extended) {
                    links = c.u32();
                    size = c.u32();
                    start = c.u32();
                    parent = c.u32();
                    c.u16(); // index count: the index is only a shortcut, the listing is read whole
                    offset = c.u16();
                    xattr = c.u32();
                } else {
                    start = c.u32();
                    links = c.u32();
                    size = c.u16();
                    offset = c.u16();
                    parent = c.u32();
                }
                if (size < 3 || offset >= MetadataWriter.BLOCK) {
                    throw reader.corrupt("directory inode " + number + " has size " + size + " at offset " + offset);
                }
            }
            case FILE -> {
                if (extended) {
                    start = c.u64();
                    size = c.u64();
                    c.u64(); // sparse bytes
                    links = c.u32();
                    fragment = c.u32();
                    fragmentOffset = (int) c.u32();
                    xattr = c.u32();
                } else {
                    start = c.u32();
                    fragment = c.u32();
                    fragmentOffset = (int) c.u32();
                    size = c.u32();
                }
                if (size < 0 || start < 0) {
                    throw reader.corrupt("file inode " + number + " has size " + size + " at " + start);
                }
            }
            case SYMLINK -> {
                links = c.u32();
                size = c.u32();
                if (size > PATH_MAX) {
                    throw reader.corrupt("symlink inode " + number + " has a target of " + size + " bytes");
                }
                target = c.bytes((int) size);
                xattr = extended ? c.u32() : xattr;
            }
            case BLOCK_DEVICE, CHAR_DEVICE -> {
                links = c.u32();
                device = c.u32();
                xattr = extended ? c.u32() : xattr;
            }
            case FIFO, SOCKET -> {
                links = c.u32();
                xattr = extended ? c.u32() : xattr;
            }
            default -> throw new IllegalStateException(kind.name());
        }
        CursorPosition list = CursorPosition.of(c);
        return new Inode(reference, kind, permissions, uid, gid, mtime, number, links, size, start, offset, parent,
                fragment, fragmentOffset, list.position(), list.offset(), target, device, xattr);
    }

    /** Where a cursor stands, to come back to a file's block list later. */
    record CursorPosition(long position, int offset) {
        static CursorPosition of(MetadataReader.Cursor c) {
            return new CursorPosition(c.position(), c.offset());
        }
    }
}
