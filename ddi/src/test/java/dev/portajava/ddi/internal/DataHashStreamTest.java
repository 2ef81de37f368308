package dev.portajava.ddi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 0 from the writes is SHA-256(salt ‖ block) of every block of the file as it ends up, whatever order the
 * writes came in.
 */
class DataHashStreamTest {

    private static final int BLOCK = 4096;
    private static final int OFFSET = 1 << 20;
    private static final byte[] SALT =
            "a salt of thirty-two bytes, or so".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void levelZero_writesInOrderOfAnySize_isTheFilesAndReadsNothingBack() throws Exception {
        byte[] data = random(40 * BLOCK, 1);
        for (int size : new int[] {1000, BLOCK, 3 * BLOCK + 17, 131_072}) {
            try (FileChannel disk = disk()) {
                DataHashStream stream = new DataHashStream(SALT);
                for (int at = 0; at < data.length; at += size) {
                    write(disk, stream, data, at, Math.min(size, data.length - at));
                }
                assertEquals(0, stream.unorderedBlocks(), "writes of " + size + " bytes");
                assertLevelZero(disk, data.length, stream);
            }
        }
    }

    @Test
    void levelZero_superblockWrittenLast_readsBackItsBlockOnly() throws Exception {
        byte[] data = random(20 * BLOCK, 2);
        try (FileChannel disk = disk()) {
            DataHashStream stream = new DataHashStream(SALT);
            write(disk, stream, data, 96, 1000);
            write(disk, stream, data, 1096, data.length - 1096);
            write(disk, stream, data, 0, 96);
            assertEquals(1, stream.unorderedBlocks());
            assertLevelZero(disk, data.length, stream);
        }
    }

    @Test
    void levelZero_rewritesGapsAndOverlaps_isTheFiles() throws Exception {
        byte[] data = random(12 * BLOCK, 4);
        byte[] stale = random(data.length, 5);
        try (FileChannel disk = disk()) {
            DataHashStream stream = new DataHashStream(SALT);
            write(disk, stream, stale, 0, BLOCK + 500); // then written again with other bytes
            write(disk, stream, data, 0, BLOCK + 500);
            write(disk, stream, data, BLOCK + 100, BLOCK); // overlaps what was written and goes past it
            write(disk, stream, data, 5 * BLOCK + 7, 2 * BLOCK); // skips bytes, written at the end
            write(disk, stream, data, 7 * BLOCK + 7, 5 * BLOCK - 7); // in order, from the middle of a block
            write(disk, stream, data, 2 * BLOCK + 100, 3 * BLOCK - 93);
            assertEquals(6, stream.unorderedBlocks(), "blocks 0 to 5");
            assertLevelZero(disk, data.length, stream);
        }
    }

    @Test
    void levelZero_dataLongerOrShorterThanTheWrites_isTheFiles() throws Exception {
        byte[] data = random(10 * BLOCK, 6);
        try (FileChannel disk = disk()) {
            DataHashStream shorter = new DataHashStream(SALT);
            write(disk, shorter, data, 0, 7 * BLOCK + 100); // the rest written by someone else
            write(disk, new DataHashStream(SALT), data, 7 * BLOCK + 100, 3 * BLOCK - 100);
            assertLevelZero(disk, data.length, shorter);
        }
        try (FileChannel disk = disk()) {
            DataHashStream padded = new DataHashStream(SALT); // a file system padded with zeros to whole blocks
            write(disk, padded, data, 0, 5 * BLOCK + 1234);
            disk.write(ByteBuffer.allocate(BLOCK - 1234), OFFSET + 5 * BLOCK + 1234);
            assertLevelZero(disk, 6 * BLOCK, padded);
        }
        try (FileChannel disk = disk()) {
            DataHashStream longer = new DataHashStream(SALT);
            write(disk, longer, data, 0, data.length);
            assertLevelZero(disk, 6 * BLOCK, longer);
        }
    }

    @Test
    void levelZero_pastItsBlocks_stopsAndLeavesTheHashingToTheCaller() throws Exception {
        byte[] data = random(9 * BLOCK, 8);
        try (FileChannel disk = disk()) {
            DataHashStream stream = new DataHashStream(SALT, 8);
            write(disk, stream, data, 0, 8 * BLOCK);
            assertLevelZero(disk, 8 * BLOCK, stream);
            write(disk, stream, data, 8 * BLOCK, BLOCK);
            assertNull(stream.levelZero(disk, OFFSET, data.length));
        }
    }

    private FileChannel disk() throws IOException {
        return FileChannel.open(Files.createTempFile(dir, "disk", ".raw"), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    private static void write(FileChannel disk, DataHashStream stream, byte[] data, int at, int length)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(data, at, length);
        while (bytes.hasRemaining()) {
            disk.write(bytes, OFFSET + bytes.position());
        }
        ByteBuffer shown = ByteBuffer.wrap(data, at, length);
        stream.written(at, shown);
        assertEquals(at, shown.position(), "the stream leaves the buffer as it was");
    }

    /** Level 0 of the file's bytes, hashed here block by block. */
    private static void assertLevelZero(FileChannel disk, int length, DataHashStream stream) throws Exception {
        ByteBuffer file = ByteBuffer.allocate(length);
        while (file.hasRemaining()) {
            disk.read(file, OFFSET + file.position());
        }
        byte[] expected = new byte[length / BLOCK * 32];
        for (int block = 0; block < length / BLOCK; block++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            sha.update(file.array(), block * BLOCK, BLOCK);
            System.arraycopy(sha.digest(), 0, expected, block * 32, 32);
        }
        byte[] actual = stream.levelZero(disk, OFFSET, length);
        assertArrayEquals(expected, actual, () -> "first different digest: " + Arrays.mismatch(expected, actual) / 32);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
