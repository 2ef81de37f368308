package dev.portajava.squashfs.internal;

import dev.portajava.tree.EntryType;
import dev.portajava.tree.PlanEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * One inode of the image being written: the plan entry that describes it (for hard links, the entry of the name
 * that holds the inode) and what the writer learns about it: a directory's entries in order, how many names it
 * has, its number, where its inode and its data went.
 */
final class TreeInode {

    final PlanEntry entry;
    final EntryType type;
    final List<TreeEntry> entries;

    /** How many entries of the tree name this inode. */
    int links;
    int number;
    long reference = -1;
    /** Where a file's data went; null until it is written. Duplicate files share one. */
    FileData data;
    /** Set once {@link #data} is final: the file's own, or that of an earlier file with the same bytes. */
    volatile boolean planned;
    /** The index of its xattr set in the xattr id table, or {@link XattrTable#NONE}. */
    long xattrIndex = XattrTable.NONE;

    TreeInode(PlanEntry entry) {
        this.entry = entry;
        this.type = entry.type();
        this.entries = type == EntryType.DIRECTORY ? new ArrayList<>() : List.of();
    }

    long size() {
        return type == EntryType.FILE ? entry.content().size() : 0;
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
        /** The block sizes of a file with none, shared: most files of a tree of small files have no block. */
        private static final int[] NO_BLOCKS = new int[0];

        long start;
        int[] sizes = NO_BLOCKS;
        int fragment = -1;
        int fragmentOffset;
        long sparse;
        /** Set once the fields above are final: the blocks written, or the fragment block numbered. */
        volatile boolean placed;
    }

    /** A name in a directory and the inode it names. */
    record TreeEntry(byte[] name, TreeInode inode) {
    }
}
