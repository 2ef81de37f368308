package dev.portajava.ddi.internal;

import dev.portajava.digest.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;

/**
 * The values a verity image would otherwise draw at random, fixed so that the same file system always gives the
 * same image. The salt is one for every image, SHA-256("portajava verity salt"): it is known before the data is
 * written, so that the hash tree can be made while the data is. Like a salt veritysetup prints, it is public; it
 * only has to be fixed. The UUIDs derive from the root hash, which depends on the salt and on every byte of the
 * data: SHA-256(purpose ‖ 0 ‖ root hash), shaped as version 4 UUIDs.
 */
public final class VerityValues {

    private static final byte[] SALT = Sha256.digest().digest("portajava verity salt".getBytes(StandardCharsets.UTF_8));

    private VerityValues() {
    }

    /** The verity salt: 32 bytes, like veritysetup's random one. */
    public static byte[] salt() {
        return SALT.clone();
    }

    /** The verity superblock's uuid. */
    public static byte[] verityUuid(byte[] rootHash) {
        return uuidBytes(derive("portajava verity uuid", rootHash));
    }

    /** A disk image's GUID. */
    public static UUID diskGuid(byte[] rootHash) {
        return uuid("portajava disk", rootHash);
    }

    /** The UUID of a disk image's root-verity-sig partition. */
    public static UUID signaturePartitionUuid(byte[] rootHash) {
        return uuid("portajava root-verity-sig", rootHash);
    }

    private static UUID uuid(String purpose, byte[] rootHash) {
        ByteBuffer bytes = ByteBuffer.wrap(uuidBytes(derive(purpose, rootHash)));
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static byte[] derive(String purpose, byte[] rootHash) {
        MessageDigest sha = Sha256.digest();
        sha.update(purpose.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(rootHash);
        return sha.digest();
    }

    /** A UUID (version 4 bits, RFC 4122 variant) made from the first 16 bytes of {@code digest}. */
    private static byte[] uuidBytes(byte[] digest) {
        byte[] uuid = Arrays.copyOf(digest, 16);
        uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40);
        uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80);
        return uuid;
    }
}
