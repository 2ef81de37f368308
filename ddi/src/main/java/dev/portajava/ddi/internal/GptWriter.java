package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.GptLayout.ENTRIES;
import static dev.portajava.ddi.internal.GptLayout.ENTRY_SECTORS;
import static dev.portajava.ddi.internal.GptLayout.SECTOR;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes a protective MBR, the primary GPT header and entries at the start of a disk and the backup entries and
 * header at its end. The disk's partitions must already be written; this only writes the tables.
 */
public final class GptWriter {

    private static final int HEADER_SIZE = 92;

    private GptWriter() {
    }

    public static void write(FileChannel disk, long diskSize, UUID diskGuid, List<GptPartition> partitions)
            throws IOException {
        if (diskSize % SECTOR != 0) {
            throw new IllegalArgumentException("a disk is a whole number of sectors, not " + diskSize + " bytes");
        }
        if (partitions.size() > ENTRIES) {
            throw new IllegalArgumentException("a GPT has at most " + ENTRIES + " partitions");
        }
        long sectors = diskSize / SECTOR;
        long lastLba = sectors - 1;
        long lastUsable = lastLba - ENTRY_SECTORS - 1;
        for (GptPartition partition : partitions) {
            if (partition.firstLba() < GptLayout.FIRST_USABLE_LBA || partition.lastLba() > lastUsable) {
                throw new IllegalArgumentException("partition " + partition.name() + " is outside the usable sectors");
            }
        }
        ByteBuffer entries = ByteBuffer.allocate(ENTRY_SECTORS * SECTOR);
        partitions.forEach(partition -> partition.writeTo(entries));
        CRC32 crc = new CRC32();
        crc.update(entries.array());
        int entriesCrc = (int) crc.getValue();

        LevelHasher.writeFully(disk, ByteBuffer.wrap(protectiveMbr(sectors)), 0);
        LevelHasher.writeFully(disk, header(1, lastLba, 2, lastUsable, diskGuid, entriesCrc), SECTOR);
        LevelHasher.writeFully(disk, ByteBuffer.wrap(entries.array()), 2L * SECTOR);
        long backupEntries = lastLba - ENTRY_SECTORS;
        LevelHasher.writeFully(disk, ByteBuffer.wrap(entries.array()), backupEntries * SECTOR);
        LevelHasher.writeFully(disk, header(lastLba, 1, backupEntries, lastUsable, diskGuid, entriesCrc), lastLba * SECTOR);
    }

    private static ByteBuffer header(long myLba, long alternateLba, long entriesLba, long lastUsable, UUID diskGuid,
            int entriesCrc) {
        ByteBuffer header = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        header.put("EFI PART".getBytes(StandardCharsets.US_ASCII)).putInt(0x00010000).putInt(HEADER_SIZE);
        header.putInt(0).putInt(0); // CRC, filled below; reserved
        header.putLong(myLba).putLong(alternateLba).putLong(GptLayout.FIRST_USABLE_LBA).putLong(lastUsable);
        GptPartition.writeGuid(header, diskGuid);
        header.putLong(entriesLba).putInt(ENTRIES).putInt(GptPartition.ENTRY_SIZE).putInt(entriesCrc);
        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, HEADER_SIZE);
        header.putInt(16, (int) crc.getValue());
        return header.clear();
    }

    private static byte[] protectiveMbr(long sectors) {
        ByteBuffer mbr = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        mbr.position(446);
        mbr.put((byte) 0).put(new byte[] {0, 2, 0}); // not bootable; CHS of LBA 1
        mbr.put((byte) 0xee).put(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        mbr.putInt(1).putInt((int) Math.min(sectors - 1, 0xffffffffL));
        mbr.putShort(510, (short) 0xaa55);
        return mbr.array();
    }
}
