package dev.portajava.ddi.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of a GUID partition table: 128 bytes, GUIDs stored mixed-endian (the first three fields
 * little-endian), sectors of 512 bytes, the last sector inclusive, the name in UTF-16LE.
 *
 * @param attributes the attribute bits; {@link #READ_ONLY} is bit 60, {@link #GROW_FILE_SYSTEM} bit 59
 */
public record GptPartition(UUID type, UUID uuid, long firstLba, long lastLba, long attributes, String name) {

    public static final int ENTRY_SIZE = 128;
    public static final long READ_ONLY = 1L << 60;
    public static final long GROW_FILE_SYSTEM = 1L << 59;
    private static final int NAME_BYTES = 72;

    public GptPartition {
        if (firstLba < 1 || lastLba < firstLba) {
            throw new IllegalArgumentException("partition " + name + " has no sectors: " + firstLba + "-" + lastLba);
        }
        if (name.getBytes(StandardCharsets.UTF_16LE).length > NAME_BYTES) {
            throw new IllegalArgumentException("partition name '" + name + "' is longer than 36 characters");
        }
    }

    public long offset() {
        return firstLba * GptLayout.SECTOR;
    }

    public long size() {
        return (lastLba - firstLba + 1) * GptLayout.SECTOR;
    }

    void writeTo(ByteBuffer out) {
        ByteBuffer entry = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        writeGuid(entry, type);
        writeGuid(entry, uuid);
        entry.putLong(firstLba).putLong(lastLba).putLong(attributes);
        entry.put(name.getBytes(StandardCharsets.UTF_16LE));
        out.position(out.position() + ENTRY_SIZE);
    }

    /** The entry at the buffer's position; empty for an unused entry (type all zero). */
    static Optional<GptPartition> read(ByteBuffer in) {
        ByteBuffer entry = in.slice().limit(ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + ENTRY_SIZE);
        UUID type = readGuid(entry);
        if (type.getMostSignificantBits() == 0 && type.getLeastSignificantBits() == 0) {
            return Optional.empty();
        }
        UUID uuid = readGuid(entry);
        long first = entry.getLong();
        long last = entry.getLong();
        long attributes = entry.getLong();
        byte[] name = new byte[NAME_BYTES];
        entry.get(name);
        int length = 0;
        while (length + 1 < NAME_BYTES && (name[length] != 0 || name[length + 1] != 0)) {
            length += 2;
        }
        return Optional.of(new GptPartition(type, uuid, first, last, attributes,
                new String(Arrays.copyOf(name, length), StandardCharsets.UTF_16LE)));
    }

    static void writeGuid(ByteBuffer out, UUID guid) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits())
                .putLong(guid.getLeastSignificantBits());
        byte[] b = big.array();
        out.put(new byte[] {b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]});
        out.put(b, 8, 8);
    }

    static UUID readGuid(ByteBuffer in) {
        byte[] b = new byte[16];
        in.get(b);
        byte[] big = {b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
        ByteBuffer buffer = ByteBuffer.wrap(big);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
