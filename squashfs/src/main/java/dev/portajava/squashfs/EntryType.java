package dev.portajava.squashfs;

/** What a directory entry in a squashfs image is, by its basic inode type (1 to 7). */
public enum EntryType {
    DIRECTORY(1, 0040000),
    FILE(2, 0100000),
    SYMLINK(3, 0120000),
    BLOCK_DEVICE(4, 0060000),
    CHAR_DEVICE(5, 0020000),
    FIFO(6, 0010000),
    SOCKET(7, 0140000);

    private final int basicType;
    private final int modeBits;

    EntryType(int basicType, int modeBits) {
        this.basicType = basicType;
        this.modeBits = modeBits;
    }

    /** The basic inode type; the extended type is this plus 7. */
    public int basicType() {
        return basicType;
    }

    /** The {@code S_IFMT} bits of this type in a Unix mode. */
    public int modeBits() {
        return modeBits;
    }

    /** The type of a basic (1 to 7) or extended (8 to 14) inode type; null for anything else. */
    public static EntryType ofInodeType(int type) {
        int basic = type > 7 ? type - 7 : type;
        for (EntryType t : values()) {
            if (t.basicType == basic) {
                return t;
            }
        }
        return null;
    }
}
