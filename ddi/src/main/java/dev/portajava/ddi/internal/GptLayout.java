package dev.portajava.ddi.internal;

/** The fixed geometry of the disk images written here: 512-byte sectors, 128 entries, 1 MiB alignment. */
public final class GptLayout {

    public static final int SECTOR = 512;
    public static final int ENTRIES = 128;
    /** Sectors taken by the partition entries: 128 × 128 bytes. */
    public static final int ENTRY_SECTORS = ENTRIES * GptPartition.ENTRY_SIZE / SECTOR;
    public static final long ALIGNMENT = 1 << 20;
    /** The first sector a partition may use: after the MBR, the header and the entries. */
    public static final long FIRST_USABLE_LBA = 2 + ENTRY_SECTORS;

    private GptLayout() {
    }

    public static long align(long bytes, long alignment) {
        return (bytes + alignment - 1) / alignment * alignment;
    }

    /** The size of a disk whose partitions end at {@code end} bytes: room for the backup table, 1 MiB aligned. */
    public static long diskSize(long end) {
        return align(end + (1 + ENTRY_SECTORS) * (long) SECTOR, ALIGNMENT);
    }
}
