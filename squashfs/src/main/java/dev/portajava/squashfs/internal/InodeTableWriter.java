package dev.portajava.squashfs.internal;

import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the inode and directory tables, children before their directory (so a listing can name its entries'
 * inodes and a directory inode its listing), numbering inodes in the same order: the root is the last inode. An
 * inode with extended attributes is written in its extended form, which names its set in the {@link XattrTable}.
 * A file's inode is written once {@link DataProgress} says where its data went, so the tables can be written while
 * the data is.
 */
final class InodeTableWriter {

    private static final long NO_FRAGMENT = 0xFFFF_FFFFL;
    private static final long NO_XATTR = XattrTable.NONE;

    private final MetadataWriter inodes;
    private final MetadataWriter directories;
    private final XattrTable xattrs;
    private final Map<Integer, Integer> ids = new LinkedHashMap<>();
    private final long[] exports;
    private final DataProgress progress;
    private int next = 1;

    InodeTableWriter(Codec codec, int inodeCount, XattrTable xattrs, DataProgress progress) {
        this.progress = progress;
        this.inodes = new MetadataWriter(codec);
        this.directories = new MetadataWriter(codec);
        this.xattrs = xattrs;
        this.exports = new long[inodeCount];
    }

    /** Writes every inode and listing of the tree; returns the root inode's reference. */
    long write(TreeInode root) throws InterruptedException {
        number(root);
        writeDirectory(root, exports.length + 1);
        return root.reference;
    }

    byte[] inodeTable() {
        return inodes.finish();
    }

    byte[] directoryTable() {
        return directories.finish();
    }

    /** The uids and gids in the order of their index. */
    List<Integer> ids() {
        return List.copyOf(ids.keySet());
    }

    /** Inode references by inode number (index 0 is inode 1). */
    long[] exports() {
        return exports;
    }

    private void number(TreeInode dir) {
        for (TreeInode.TreeEntry e : dir.entries) {
            TreeInode child = e.inode();
            if (child.type == EntryType.DIRECTORY) {
                number(child);
            } else if (child.number == 0) {
                child.number = next++;
            }
        }
        dir.number = next++;
    }

    private void writeDirectory(TreeInode dir, int parent) throws InterruptedException {
        for (TreeInode.TreeEntry e : dir.entries) {
            TreeInode child = e.inode();
            if (child.type == EntryType.DIRECTORY) {
                writeDirectory(child, dir.number);
            } else if (child.reference < 0) {
                if (child.type == EntryType.FILE) {
                    progress.await(child);
                }
                child.reference = inodes.reference();
                exports[child.number - 1] = child.reference;
                inodes.write(inode(child));
            }
        }
        DirectoryListing listing = DirectoryListing.write(dir.entries, directories);
        long xattr = xattrs.indexOf(dir.entry.xattrs());
        dir.reference = inodes.reference();
        exports[dir.number - 1] = dir.reference;
        LittleEndian b = new LittleEndian();
        long fileSize = listing.size() + 3L;
        if (listing.index().isEmpty() && fileSize <= 0xFFFF && xattr == NO_XATTR) {
            header(b, dir, 1).u32(listing.block()).u32(2 + dir.subdirectories()).u16((int) fileSize)
                    .u16(listing.offset()).u32(parent);
        } else {
            header(b, dir, 8).u32(2 + dir.subdirectories()).u32(fileSize).u32(listing.block()).u32(parent)
                    .u16(listing.index().size()).u16(listing.offset()).u32(xattr);
            for (DirectoryListing.Index i : listing.index()) {
                b.u32(i.offset()).u32(i.block()).u32(i.name().length - 1L).bytes(i.name());
            }
        }
        inodes.write(b.toByteArray());
    }

    private byte[] inode(TreeInode node) {
        LittleEndian b = new LittleEndian();
        long xattr = xattrs.indexOf(node.entry.xattrs());
        int extended = xattr == NO_XATTR ? 0 : 7;
        int type = InodeType.basic(node.type) + extended;
        switch (node.type) {
            case FILE -> file(b, node, xattr);
            case SYMLINK -> {
                byte[] target = FileNames.encode(node.entry.symlinkTarget());
                header(b, node, type).u32(node.links).u32(target.length).bytes(target);
            }
            case BLOCK_DEVICE, CHAR_DEVICE -> header(b, node, type).u32(node.links).u32(node.entry.device());
            case FIFO, SOCKET -> header(b, node, type).u32(node.links);
            default -> throw new IllegalStateException("not a leaf: " + node.type);
        }
        if (extended != 0 && node.type != dev.portajava.tree.EntryType.FILE) {
            b.u32(xattr);
        }
        return b.toByteArray();
    }

    private void file(LittleEndian b, TreeInode node, long xattr) {
        TreeInode.FileData data = node.data;
        long size = node.size();
        long fragment = data.fragment < 0 ? NO_FRAGMENT : data.fragment;
        if (data.start <= 0xFFFF_FFFFL && size <= 0xFFFF_FFFFL && node.links == 1 && data.sparse == 0
                && xattr == NO_XATTR) {
            header(b, node, 2).u32(data.start).u32(fragment).u32(data.fragmentOffset).u32(size);
        } else {
            header(b, node, 9).u64(data.start).u64(size).u64(data.sparse).u32(node.links).u32(fragment)
                    .u32(data.fragmentOffset).u32(xattr);
        }
        for (int blockSize : data.sizes) {
            b.u32(blockSize & 0xFFFF_FFFFL);
        }
    }

    private LittleEndian header(LittleEndian b, TreeInode node, int type) {
        return b.u16(type).u16(node.entry.permissions()).u16(id(node.entry.uid())).u16(id(node.entry.gid()))
                .u32(node.entry.mtime()).u32(node.number);
    }

    private int id(int id) {
        Integer index = ids.get(id);
        if (index == null) {
            if (ids.size() == 65535) {
                throw new IllegalStateException("more than 65535 distinct uids and gids");
            }
            index = ids.size();
            ids.put(id, index);
        }
        return index;
    }
}
