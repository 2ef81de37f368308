package dev.portajava.squashfs;

import java.util.Locale;

/**
 * The compressors a squashfs image can use, with the id the superblock stores and the levels each one takes.
 * Defaults are those of {@code mksquashfs}: gzip 9, zstd 15, xz preset 6, lz4 0 (lz4's fast mode; 1 to 12 is its
 * high-compression mode at that level, {@code mksquashfs -Xhc} is 9).
 */
public enum Compression {
    GZIP(1, 1, 9, 9),
    XZ(4, 0, 9, 6),
    LZ4(5, 0, 12, 0),
    ZSTD(6, 1, 22, 15);

    private final int id;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Compression(int id, int minLevel, int maxLevel, int defaultLevel) {
        this.id = id;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /** The compressor id in the superblock. */
    public int id() {
        return id;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    public int minLevel() {
        return minLevel;
    }

    public int maxLevel() {
        return maxLevel;
    }

    /** The name {@code mksquashfs -comp} and the command line use: gzip, xz, lz4, zstd. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compressor with this superblock id; null for an id this module does not support (lzma, lzo). */
    public static Compression byId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /** Parses gzip, xz, lz4 or zstd. */
    public static Compression parse(String label) {
        for (Compression c : values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("compression '" + label + "' is not one of gzip, xz, lz4, zstd");
    }
}
