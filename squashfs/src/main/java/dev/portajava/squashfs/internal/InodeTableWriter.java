package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.EntryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the inode and directory tables, children before their directory (so a listing can name its entries'
 * inodes and a directory inode its listing), numbering inodes in the same order: the root is the last inode.
 */
final class InodeTableWriter {

    private static final long NO_FRAGMENT = 0xFFFF_FFFFL;
    private static final long NO_XATTR = 0xFFFF_FFFFL;

    private final MetadataWriter inodes;
    private final MetadataWriter directories;
    private final Map<Integer, Integer> ids = new LinkedHashMap<>();
    private final long[] exports;
    private int next = 1;

    InodeTableWriter(Codec codec, int inodeCount) {
        this.inodes = new MetadataWriter(codec);
        this.directories = new MetadataWriter(codec);
        this.exports = new long[inodeCount];
    }

    /** Writes every inode and listing of the tree; returns the root inode's reference. */
    long write(TreeInode root) {
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

    private void writeDirectory(TreeInode dir, int parent) {
        for (TreeInode.TreeEntry e : dir.entries) {
            TreeInode child = e.inode();
            if (child.type == EntryType.DIRECTORY) {
                writeDirectory(child, dir.number);
            } else if (child.reference < 0) {
                child.reference = inodes.reference();
                exports[child.number - 1] = child.reference;
                inodes.write(inode(child));
            }
        }
        DirectoryListing listing = DirectoryListing.write(dir.entries, directories);
        dir.reference = inodes.reference();
        exports[dir.number - 1] = dir.reference;
        LittleEndian b = new LittleEndian();
        long fileSize = listing.size() + 3L;
        if (listing.index().isEmpty() && fileSize <= 0xFFFF) {
            header(b, dir, 1).u32(listing.block()).u32(2 + dir.subdirectories()).u16((int) fileSize)
                    .u16(listing.offset()).u32(parent);
        } else {
            header(b, dir, 8).u32(2 + dir.subdirectories()).u32(fileSize).u32(listing.block()).u32(parent)
                    .u16(listing.index().size()).u16(listing.offset()).u32(NO_XATTR);
            for (DirectoryListing.Index i : listing.index()) {
                b.u32(i.offset()).u32(i.block()).u32(i.name().length - 1L).bytes(i.name());
            }
        }
        inodes.write(b.toByteArray());
    }

    private byte[] inode(TreeInode node) {
        LittleEndian b = new LittleEndian();
        switch (node.type) {
            case FILE -> file(b, node);
            case SYMLINK -> header(b, node, 3).u32(node.links).u32(node.target.length).bytes(node.target);
            case BLOCK_DEVICE, CHAR_DEVICE -> header(b, node, node.type.basicType()).u32(node.links).u32(node.device);
            case FIFO, SOCKET -> header(b, node, node.type.basicType()).u32(node.links);
            default -> throw new IllegalStateException("not a leaf: " + node.type);
        }
        return b.toByteArray();
    }

    private void file(LittleEndian b, TreeInode node) {
        TreeInode.FileData data = node.data;
        long fragment = data.fragment < 0 ? NO_FRAGMENT : data.fragment;
        if (data.start <= 0xFFFF_FFFFL && node.size <= 0xFFFF_FFFFL && node.links == 1 && data.sparse == 0) {
            header(b, node, 2).u32(data.start).u32(fragment).u32(data.fragmentOffset).u32(node.size);
        } else {
            header(b, node, 9).u64(data.start).u64(node.size).u64(data.sparse).u32(node.links).u32(fragment)
                    .u32(data.fragmentOffset).u32(NO_XATTR);
        }
        for (int size : data.sizes) {
            b.u32(size & 0xFFFF_FFFFL);
        }
    }

    private LittleEndian header(LittleEndian b, TreeInode node, int type) {
        return b.u16(type).u16(node.permissions).u16(id(node.uid)).u16(id(node.gid)).u32(node.mtime).u32(node.number);
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
