package dev.portajava.ddi.internal;

import static dev.portajava.ddi.internal.GptLayout.SECTOR;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/** Reads the partitions of a GPT disk from its primary header, checking both CRCs. */
public final class GptReader {

    private GptReader() {
    }

    /**
     * The used partitions, in table order; empty if the disk has no valid primary GPT.
     *
     * @throws DamagedTableException if the table passes its checksums but an entry or the table itself lies outside
     *     the disk, or an entry has no sectors
     */
    public static Optional<List<GptPartition>> read(FileChannel disk) throws IOException {
        if (disk.size() < (GptLayout.FIRST_USABLE_LBA + 1) * SECTOR) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        LevelHasher.readFully(disk, header, SECTOR);
        byte[] bytes = header.array();
        if (!new String(bytes, 0, 8, StandardCharsets.US_ASCII).equals("EFI PART")) {
            return Optional.empty();
        }
        int size = header.getInt(12);
        if (size < 92 || size > SECTOR) {
            return Optional.empty();
        }
        byte[] check = Arrays.copyOf(bytes, size);
        Arrays.fill(check, 16, 20, (byte) 0);
        CRC32 crc = new CRC32();
        crc.update(check);
        if ((int) crc.getValue() != header.getInt(16)) {
            return Optional.empty();
        }
        long entriesLba = header.getLong(72);
        int count = header.getInt(80);
        int entrySize = header.getInt(84);
        if (entrySize != GptPartition.ENTRY_SIZE || count < 1 || count > 1024) {
            return Optional.empty();
        }
        long sectors = disk.size() / SECTOR;
        if (entriesLba < 2 || entriesLba > sectors - (long) count * entrySize / SECTOR) {
            throw new DamagedTableException("the GPT's partition entries at sector " + Long.toUnsignedString(entriesLba)
                    + " lie outside the disk of " + disk.size() + " bytes");
        }
        ByteBuffer entries = ByteBuffer.allocate(count * entrySize);
        LevelHasher.readFully(disk, entries, entriesLba * SECTOR);
        crc.reset();
        crc.update(entries.array());
        if ((int) crc.getValue() != header.getInt(88)) {
            return Optional.empty();
        }
        entries.flip();
        List<GptPartition> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<GptPartition> partition;
            try {
                partition = GptPartition.read(entries);
            } catch (IllegalArgumentException e) {
                throw new DamagedTableException("GPT entry " + (i + 1) + ": " + e.getMessage());
            }
            if (partition.isPresent()) {
                GptPartition p = partition.get();
                if (p.lastLba() >= sectors) {
                    throw new DamagedTableException("GPT entry " + (i + 1) + " (" + p.type() + ", sectors "
                            + p.firstLba() + "-" + Long.toUnsignedString(p.lastLba()) + ") lies outside the disk of "
                            + disk.size() + " bytes");
                }
                partitions.add(p);
            }
        }
        return Optional.of(partitions);
    }
}
