package dev.portajava.tree;

/** What an entry of an image is: the file types of a Unix file system. */
public enum EntryType {
    DIRECTORY(0040000),
    FILE(0100000),
    SYMLINK(0120000),
    BLOCK_DEVICE(0060000),
    CHAR_DEVICE(0020000),
    FIFO(0010000),
    SOCKET(0140000);

    /** The {@code S_IFMT} mask of a Unix mode. */
    public static final int TYPE_MASK = 0170000;

    private final int modeBits;

    EntryType(int modeBits) {
        this.modeBits = modeBits;
    }

    /** The {@code S_IFMT} bits of this type in a Unix mode. */
    public int modeBits() {
        return modeBits;
    }

    /** Device nodes, sockets and FIFOs: what a tree of a service's files does not usually hold. */
    public boolean isSpecial() {
        return this != DIRECTORY && this != FILE && this != SYMLINK;
    }

    /** The type a whole Unix mode ({@code st_mode}) names; null for type bits no type has. */
    public static EntryType ofMode(int mode) {
        for (EntryType t : values()) {
            if ((mode & TYPE_MASK) == t.modeBits) {
                return t;
            }
        }
        return null;
    }
}
