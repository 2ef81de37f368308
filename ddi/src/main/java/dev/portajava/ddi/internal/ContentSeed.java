package dev.portajava.ddi.internal;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * A digest of the data an image protects, from which its verity salt and uuid are derived, so that the same data
 * always gives the same image and different data different salts. It is the SHA-256 of the data's length and of
 * the SHA-256 of each 4 MiB chunk, so the chunks can be hashed in parallel.
 */
public record ContentSeed(byte[] digest) {

    static final int CHUNK = 4 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(CHUNK));

    public ContentSeed {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a content seed is a SHA-256 digest");
        }
        digest = digest.clone();
    }

    public static ContentSeed of(FileChannel data, long offset, long length) throws IOException {
        byte[] digests = new byte[chunks(length) * 32];
        hashChunks(data, offset, length, LongStream.range(0, chunks(length)), digests);
        return of(length, digests);
    }

    /** The seed of {@code length} bytes from the digests of their chunks, 32 bytes each, in order. */
    static ContentSeed of(long length, byte[] digests) {
        MessageDigest sha = Sha256.digest();
        sha.update(ByteBuffer.allocate(8).putLong(length).array());
        sha.update(digests, 0, chunks(length) * 32);
        return new ContentSeed(sha.digest());
    }

    /** How many chunks {@code length} bytes have. */
    static int chunks(long length) {
        return Math.toIntExact((length + CHUNK - 1) / CHUNK);
    }

    /**
     * Reads the {@code chunks} of the {@code length} bytes at {@code offset} of {@code data}, in parallel, and puts
     * their digests into {@code digests}.
     */
    static void hashChunks(FileChannel data, long offset, long length, LongStream chunks, byte[] digests)
            throws IOException {
        try {
            chunks.parallel().forEach(chunk -> {
                ByteBuffer buffer = BUFFERS.get().clear();
                buffer.limit((int) Math.min(CHUNK, length - chunk * CHUNK));
                try {
                    LevelHasher.readFully(data, buffer, offset + chunk * CHUNK);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                MessageDigest sha = Sha256.digest();
                sha.update(buffer.flip());
                System.arraycopy(sha.digest(), 0, digests, (int) chunk * 32, 32);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** A 32-byte value for {@code purpose}: SHA-256(purpose ‖ 0 ‖ digest). */
    public byte[] derive(String purpose) {
        MessageDigest sha = Sha256.digest();
        sha.update(purpose.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(digest);
        return sha.digest();
    }

    /** The verity salt: 32 bytes, like veritysetup's random one. */
    public byte[] salt() {
        return derive("portajava verity salt");
    }

    /** The verity superblock's uuid, shaped as a version 4 UUID. */
    public byte[] verityUuid() {
        return uuidBytes(derive("portajava verity uuid"));
    }

    /** A UUID (version 4 bits, RFC 4122 variant) made from the first 16 bytes of {@code digest}. */
    public static byte[] uuidBytes(byte[] digest) {
        byte[] uuid = Arrays.copyOf(digest, 16);
        uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40);
        uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80);
        return uuid;
    }

    public static UUID uuid(byte[] digest) {
        ByteBuffer bytes = ByteBuffer.wrap(uuidBytes(digest));
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
