package dev.portajava.squashfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.Compression;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The test for random bytes, judged by the compressors themselves: what it takes as incompressible, no codec at
 * mksquashfs's levels makes smaller (or not by more than the 0.6% it allows), and what they do compress it does not
 * take.
 */
class IncompressibleTest {

    private static final int BLOCK = 128 * 1024;

    private final Incompressible test = new Incompressible();

    @Test
    void randomBytes_areTaken_andNoCodecShrinksThem() {
        byte[] block = random(1, BLOCK);
        assertTrue(test.certain(block, BLOCK));
        for (Compression c : Compression.values()) {
            assertEquals(-1, compressed(c, block, BLOCK), c + " stores random bytes raw too");
        }
    }

    @Test
    void compressedData_isTaken() throws Exception {
        byte[] deflated = deflate(text(16 * BLOCK, 7));
        assertTrue(deflated.length > BLOCK);
        assertTrue(test.certain(deflated, BLOCK));
        assertEquals(-1, compressed(Compression.GZIP, deflated, BLOCK));
    }

    @Test
    void compressibleBytes_areNotTaken() {
        byte[] text = text(BLOCK, 1);
        assertFalse(test.certain(text, BLOCK));
        assertFalse(test.certain(new byte[BLOCK], BLOCK));
        byte[] half = random(2, BLOCK);
        Arrays.fill(half, BLOCK / 2, BLOCK / 2 + 16 * 1024, (byte) 'a');
        assertFalse(test.certain(half, BLOCK), "16 KiB of one byte among random ones");
    }

    /** Random bytes of 200 values only (7.64 bits each): no repeats, but an entropy coder saves 4% of them. */
    @Test
    void randomBytesOfFewerValues_areNotTaken_andCompress() {
        byte[] block = random(7, BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            block[i] = (byte) ((block[i] & 0xFF) % 200);
        }
        assertFalse(test.certain(block, BLOCK));
        for (Compression c : Compression.values()) {
            if (c != Compression.LZ4) { // lz4 has no entropy coder
                int n = compressed(c, block, BLOCK);
                assertTrue(n > 0 && n < BLOCK * 0.98, c + ": " + n);
            }
        }
    }

    @Test
    void shortBlocks_areNotTaken() {
        byte[] block = random(3, 16 * 1024 - 1);
        assertFalse(test.certain(block, block.length));
        assertTrue(test.certain(random(3, 16 * 1024), 16 * 1024));
    }

    /**
     * A repeated run of random bytes, which every compressor codes as a reference: one of 8 bytes near its first
     * copy, one of 64 (16 chances to be met) at any distance; at every offset.
     */
    @Test
    void aRepeatedRun_isNotTaken() {
        int[][] runs = {{8, 8}, {8, 9}, {8, 1001}, {64, 32 * 1024 + 3}, {64, 100_001}, {64, BLOCK - 80}};
        for (int[] run : runs) {
            for (int offset = 0; offset < 4; offset++) {
                byte[] block = random(4 + offset, BLOCK);
                int from = offset + 7;
                System.arraycopy(block, from, block, from + run[1], run[0]);
                assertFalse(test.certain(block, BLOCK), run[0] + " bytes repeated " + run[1] + " bytes on");
            }
        }
    }

    /** Runs of 5 bytes repeated: a few are allowed (one in each 2 KiB), more are not. */
    @Test
    void shortRepeatedRuns_areAllowed_upToOneIn2KiB() {
        int allowed = BLOCK / Incompressible.BYTES_PER_SHORT_RUN;
        assertTrue(test.certain(withShortRuns(allowed / 2), BLOCK));
        assertFalse(test.certain(withShortRuns(allowed + 8), BLOCK));
    }

    /** Random bytes where {@code count} runs of 5 bytes, each at a multiple of 4, are copied 1,001 bytes on. */
    private static byte[] withShortRuns(int count) {
        byte[] block = random(8, BLOCK);
        for (int i = 0; i < count; i++) {
            int from = i * 1536;
            System.arraycopy(block, from, block, from + 1001, 5);
        }
        return block;
    }

    @Test
    void randomBytesRepeated_areNotTaken_andCompress() {
        byte[] block = random(5, BLOCK);
        for (int i = 16 * 1024; i < BLOCK; i++) {
            block[i] = block[i % (16 * 1024)];
        }
        assertFalse(test.certain(block, BLOCK));
        for (Compression c : Compression.values()) {
            assertTrue(compressed(c, block, BLOCK) > 0, c.label());
        }
    }

    /**
     * Random bytes with a little structure laid over them (short repeats, a skewed stretch, some text): whatever the
     * test takes, no codec shrinks by more than 0.6%; and some of them it does take.
     */
    @Test
    void whateverIsTaken_noCodecShrinksByMoreThanItAllows() throws Exception {
        Random random = new Random(6);
        int taken = 0;
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            byte[] block = random(100 + round, BLOCK);
            int kind = round % 4;
            if (kind == 1) { // short runs repeated
                for (int i = 0; i < round * 2; i++) {
                    int from = random.nextInt(BLOCK - 16);
                    System.arraycopy(block, from, block, random.nextInt(BLOCK - 16), 4 + random.nextInt(4));
                }
            } else if (kind == 2) { // a stretch of fewer distinct bytes
                int from = random.nextInt(BLOCK - 256 * round);
                for (int i = from; i < from + 256 * round; i++) {
                    block[i] &= 0x7F;
                }
            } else if (kind == 3) { // a little text
                byte[] text = text(40 * round, round);
                System.arraycopy(text, 0, block, random.nextInt(BLOCK - text.length), text.length);
            }
            if (test.certain(block, BLOCK)) {
                taken++;
                for (Compression c : Compression.values()) {
                    int n = compressed(c, block, BLOCK);
                    if (n >= 0 && n < BLOCK * 0.994) {
                        wrong.add("round " + round + ": " + c + " made " + n + " bytes");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(taken >= 20, "taken: " + taken);
    }

    private static int compressed(Compression compression, byte[] block, int length) {
        Codec codec = Codec.create(compression, compression.defaultLevel(), BLOCK);
        try {
            return codec.compress(block, 0, length, new byte[length]);
        } finally {
            codec.close();
        }
    }

    private static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int length, int seed) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(seed);
        while (text.length() < length) {
            text.append("line ").append(random.nextInt(100_000)).append(" of a file of text, word ")
                    .append(Integer.toHexString(random.nextInt())).append('\n');
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    private static byte[] deflate(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(bytes);
        }
        return out.toByteArray();
    }
}
