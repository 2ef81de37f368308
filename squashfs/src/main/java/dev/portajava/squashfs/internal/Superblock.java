package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 96-byte squashfs 4.0 superblock at the start of an image; every number little-endian. */
public record Superblock(long inodeCount, long modificationTime, int blockSize, long fragmentCount,
        Compression compression, int flags, int idCount, long rootInode, long bytesUsed, long idTableStart,
        long xattrTableStart, long inodeTableStart, long directoryTableStart, long fragmentTableStart,
        long exportTableStart) {

    public static final int SIZE = 96;
    public static final int MAGIC = 0x73717368;
    public static final long NONE = -1L;

    public static final int FLAG_DUPLICATES = 0x0040;
    public static final int FLAG_EXPORTABLE = 0x0080;
    public static final int FLAG_NO_XATTRS = 0x0200;
    public static final int FLAG_COMPRESSOR_OPTIONS = 0x0400;

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt((int) inodeCount).putInt((int) modificationTime).putInt(blockSize)
                .putInt((int) fragmentCount).putShort((short) compression.id())
                .putShort((short) Integer.numberOfTrailingZeros(blockSize)).putShort((short) flags)
                .putShort((short) idCount).putShort((short) 4).putShort((short) 0).putLong(rootInode)
                .putLong(bytesUsed).putLong(idTableStart).putLong(xattrTableStart).putLong(inodeTableStart)
                .putLong(directoryTableStart).putLong(fragmentTableStart).putLong(exportTableStart);
        return b.array();
    }

    /** Parses and checks a superblock read from an image of {@code imageSize} bytes. */
    public static Superblock parse(byte[] bytes, long imageSize) throws CorruptImageException {
        if (bytes.length < SIZE) {
            throw new CorruptImageException("too short for a squashfs image (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            throw new CorruptImageException("not a squashfs image (no 'hsqs' magic)");
        }
        int major = b.getShort(28) & 0xFFFF;
        int minor = b.getShort(30) & 0xFFFF;
        if (major != 4 || minor != 0) {
            throw new CorruptImageException("squashfs version " + major + "." + minor + " is not supported (only 4.0)");
        }
        int blockSize = b.getInt(12);
        int blockLog = b.getShort(22) & 0xFFFF;
        if (blockSize < 4096 || blockSize > 1024 * 1024 || Integer.bitCount(blockSize) != 1
                || Integer.numberOfTrailingZeros(blockSize) != blockLog) {
            throw new CorruptImageException("block size " + Integer.toUnsignedString(blockSize) + " (log " + blockLog
                    + ") is not valid");
        }
        int compressionId = b.getShort(20) & 0xFFFF;
        Compression compression = Compression.byId(compressionId);
        if (compression == null) {
            throw new CorruptImageException("compressor " + compressionId
                    + " is not supported (gzip 1, xz 4, lz4 5 and zstd 6 are)");
        }
        Superblock s = new Superblock(b.getInt(4) & 0xFFFF_FFFFL, b.getInt(8) & 0xFFFF_FFFFL, blockSize,
                b.getInt(16) & 0xFFFF_FFFFL, compression, b.getShort(24) & 0xFFFF, b.getShort(26) & 0xFFFF,
                b.getLong(32), b.getLong(40), b.getLong(48), b.getLong(56), b.getLong(64), b.getLong(72),
                b.getLong(80), b.getLong(88));
        s.check(imageSize);
        return s;
    }

    private void check(long imageSize) throws CorruptImageException {
        if (bytesUsed < SIZE || bytesUsed > imageSize) {
            throw new CorruptImageException("the superblock says " + bytesUsed + " bytes are used, the image has "
                    + imageSize + (bytesUsed > imageSize ? " (truncated)" : ""));
        }
        if (inodeTableStart < SIZE || directoryTableStart <= inodeTableStart || directoryTableStart > bytesUsed) {
            throw new CorruptImageException("the inode and directory tables are out of order or out of bounds");
        }
        if (idTableStart < directoryTableStart || idTableStart >= bytesUsed || idCount == 0) {
            throw new CorruptImageException("the id table is out of bounds or empty");
        }
        if (fragmentCount > 0 && (fragmentTableStart < directoryTableStart || fragmentTableStart >= bytesUsed)) {
            throw new CorruptImageException("the fragment table is out of bounds");
        }
        if (exportTableStart != NONE && (exportTableStart < directoryTableStart || exportTableStart >= bytesUsed)) {
            throw new CorruptImageException("the export table is out of bounds");
        }
        if (inodeCount == 0) {
            throw new CorruptImageException("the image has no inodes");
        }
    }

    /** Where the root inode's metadata block starts, relative to the inode table. */
    public long rootBlock() {
        return rootInode >>> 16;
    }

    public int rootOffset() {
        return (int) (rootInode & 0xFFFF);
    }
}
