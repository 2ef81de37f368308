package dev.portajava.squashfs.internal;

import dev.portajava.tree.EntryType;

/** The inode type numbers squashfs stores: basic types 1 to 7, their extended forms 8 to 14. */
final class InodeType {

    private static final EntryType[] BY_NUMBER = {EntryType.DIRECTORY, EntryType.FILE, EntryType.SYMLINK,
        EntryType.BLOCK_DEVICE, EntryType.CHAR_DEVICE, EntryType.FIFO, EntryType.SOCKET};

    private InodeType() {
    }

    /** The basic inode type of an entry type; the extended type is this plus 7. */
    static int basic(EntryType type) {
        return switch (type) {
            case DIRECTORY -> 1;
            case FILE -> 2;
            case SYMLINK -> 3;
            case BLOCK_DEVICE -> 4;
            case CHAR_DEVICE -> 5;
            case FIFO -> 6;
            case SOCKET -> 7;
        };
    }

    /** The entry type of a basic (1 to 7) or extended (8 to 14) inode type; null for anything else. */
    static EntryType of(int number) {
        int basic = number > 7 ? number - 7 : number;
        return basic >= 1 && basic <= 7 ? BY_NUMBER[basic - 1] : null;
    }
}
