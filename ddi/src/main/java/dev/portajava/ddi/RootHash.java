package dev.portajava.ddi;

import dev.portajava.digest.Sha256;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The root hash of a dm-verity tree: 64 lowercase hex digits. In a disk image, its first half is the root
 * partition's UUID and its second half the root-verity partition's.
 */
public record RootHash(String hex) {

    public RootHash {
        if (!Sha256.isHex(hex)) {
            throw new IllegalArgumentException("'" + hex + "' is not a SHA-256 root hash (64 lowercase hex digits)");
        }
    }

    public static RootHash of(byte[] digest) {
        return new RootHash(HexFormat.of().formatHex(digest));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The root partition's UUID: the first 16 bytes. */
    public UUID rootPartitionUuid() {
        return uuid(0);
    }

    /** The root-verity partition's UUID: the last 16 bytes. */
    public UUID verityPartitionUuid() {
        return uuid(16);
    }

    private UUID uuid(int offset) {
        ByteBuffer bytes = ByteBuffer.wrap(bytes(), offset, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    @Override
    public String toString() {
        return hex;
    }
}
