package dev.portajava.squashfs.internal;

import dev.portajava.tree.EntryType;

/**
 * An inode as read from an image. Which fields mean something depends on the type: {@code size} is a file's
 * length, a symlink's target length or a directory's listing size plus 3; {@code start} is where a file's blocks
 * begin or a directory's listing block (relative to the directory table); {@code offset} is a directory listing's
 * offset in its block; {@code blockList} locates a file's block sizes in the inode table; {@code xattr} is the
 * index of its set of extended attributes, {@link #NO_XATTR} when it has none.
 */
public record Inode(long reference, EntryType type, int permissions, int uid, int gid, long mtime, long number,
        long linkCount, long size, long start, int offset, long parent, long fragment, int fragmentOffset,
        long blockListPosition, int blockListOffset, byte[] target, long device, long xattr) {

    public static final long NO_FRAGMENT = 0xFFFF_FFFFL;
    public static final long NO_XATTR = 0xFFFF_FFFFL;

    public boolean hasFragment() {
        return fragment != NO_FRAGMENT;
    }
}
