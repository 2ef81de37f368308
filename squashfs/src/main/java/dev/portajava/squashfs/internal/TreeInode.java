package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.EntryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One inode of the image being written: a directory with its sorted entries, a file with its data, a symlink, a
 * device node, socket or FIFO. Hard links are several {@link TreeEntry}s sharing one of these.
 */
final class TreeInode {

    final EntryType type;
    final Path path;
    final int permissions;
    final int uid;
    final int gid;
    final long mtime;
    final long size;
    final byte[] target;
    final long device;
    final List<TreeEntry> entries = new ArrayList<>();

    /** How many entries of the tree name this inode. */
    int links;
    int number;
    long reference = -1;
    FileData data;
    /** A regular file's content key from the options, or null. */
    String contentKey;

    TreeInode(EntryType type, Path path, int permissions, int uid, int gid, long mtime, long size, byte[] target,
            long device) {
        this.type = type;
        this.path = path;
        this.permissions = permissions;
        this.uid = uid;
        this.gid = gid;
        this.mtime = mtime;
        this.size = size;
        this.target = target;
        this.device = device;
    }

    int subdirectories() {
        int n = 0;
        for (TreeEntry e : entries) {
            if (e.inode().type == EntryType.DIRECTORY) {
                n++;
            }
        }
        return n;
    }

    /** Where a file's data went: its blocks, or its place in a fragment. Duplicate files share one. */
    static final class FileData {
        long start;
        int[] sizes = new int[0];
        int fragment = -1;
        int fragmentOffset;
        long sparse;
    }

    /** A name in a directory and the inode it names. */
    record TreeEntry(byte[] name, TreeInode inode) {
    }
}
