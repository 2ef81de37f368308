package dev.portajava.ddi.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The 512-byte superblock {@code veritysetup format} writes in the first 4096-byte block of the hash device:
 * {@code "verity\0\0"}, version 1, hash type 1, the uuid, {@code "sha256"}, the block sizes, the number of data
 * blocks and the salt, little-endian.
 */
public record VeritySuperblock(byte[] uuid, byte[] salt, long dataBlocks) {

    private static final byte[] SIGNATURE = "verity\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final String ALGORITHM = "sha256";

    public VeritySuperblock {
        if (uuid.length != 16) {
            throw new IllegalArgumentException("a verity uuid has 16 bytes, not " + uuid.length);
        }
        if (salt.length > 256) {
            throw new IllegalArgumentException("a verity salt has at most 256 bytes, not " + salt.length);
        }
        if (dataBlocks < 1) {
            throw new IllegalArgumentException("a verity tree covers at least one data block");
        }
        uuid = uuid.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** The whole first block of the hash device: the superblock, then zeros. */
    public byte[] toBlock() {
        ByteBuffer block = ByteBuffer.allocate(HashTreeLayout.BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        block.put(SIGNATURE).putInt(1).putInt(1).put(uuid);
        block.put(Arrays.copyOf(ALGORITHM.getBytes(StandardCharsets.US_ASCII), 32));
        block.putInt(HashTreeLayout.BLOCK_SIZE).putInt(HashTreeLayout.BLOCK_SIZE).putLong(dataBlocks);
        block.putShort((short) salt.length).position(88);
        block.put(salt);
        return block.array();
    }

    /** Reads a superblock this code can check (format 1, sha256, 4096-byte blocks); empty if it is not one. */
    public static Optional<VeritySuperblock> parse(byte[] block) {
        ByteBuffer in = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (block.length < 512 || !Arrays.equals(Arrays.copyOf(block, 8), SIGNATURE)
                || in.getInt(8) != 1 || in.getInt(12) != 1) {
            return Optional.empty();
        }
        String algorithm = new String(block, 32, 32, StandardCharsets.US_ASCII).replace("\0", "");
        if (!algorithm.equals(ALGORITHM) || in.getInt(64) != HashTreeLayout.BLOCK_SIZE
                || in.getInt(68) != HashTreeLayout.BLOCK_SIZE) {
            return Optional.empty();
        }
        int saltSize = Short.toUnsignedInt(in.getShort(80));
        long dataBlocks = in.getLong(72);
        if (saltSize > 256 || dataBlocks < 1) {
            return Optional.empty();
        }
        return Optional.of(new VeritySuperblock(Arrays.copyOfRange(block, 16, 32),
                Arrays.copyOfRange(block, 88, 88 + saltSize), dataBlocks));
    }

    public HashTreeLayout layout() {
        return new HashTreeLayout(dataBlocks);
    }
}
