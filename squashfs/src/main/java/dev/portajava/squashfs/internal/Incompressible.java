package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.Compression;
import java.util.Arrays;

/**
 * Recognises, before a block is compressed, a block that reads as random bytes, as compressed and encrypted data do:
 * no compressor makes such a block smaller, and the writer stores it raw without the compressor's pass over it. That
 * pass is the dearest one: on random bytes gzip -9 takes about 2.5 ms per 128 KiB, zstd -15 5.5 ms and xz 40 ms,
 * against under 1 ms for this test; on compressible bytes the test mostly ends within its first 4 KiB.
 * <p>
 * It is btrfs's compression heuristic made strict. A block is taken as incompressible when:
 * <ul>
 *   <li>each 16 KiB of it has a byte entropy of at least {@value #MIN_ENTROPY} bits (random bytes have 7.99): coded
 *       one by one, as a compressor codes its literals, its bytes would take at least 99.6% of their size, before
 *       the code tables that coding needs;</li>
 *   <li>no run of {@value #LONG_RUN} bytes or more is found repeated in it, which every compressor would store as a
 *       reference, and no more than one shorter run of 4 to 7 bytes in each {@value #BYTES_PER_SHORT_RUN} bytes
 *       (such a reference saves at most 5 bytes of the run).</li>
 * </ul>
 * So a compressor could have saved at most about 0.6% of such a block, and in practice it stores the block raw
 * too: the image has the same bytes. Blocks under 16 KiB are never taken: compressing them is cheap, and their
 * entropy tells less. Not thread safe: it keeps its tables between blocks.
 */
final class Incompressible {

    static final double MIN_ENTROPY = 7.97;
    static final int LONG_RUN = 8;
    static final int BYTES_PER_SHORT_RUN = 2048;
    private static final int PART = 16 * 1024;
    private static final int SAMPLE = 4 * 1024;
    private static final double MIN_SAMPLE_ENTROPY = 7.9;
    private static final int HASH_BITS = 15;

    private final int[] counts = new int[256];
    /** The last position (multiple of 4) at which each hash of 4 bytes was seen, or -1. */
    private final int[] seen = new int[1 << HASH_BITS];

    /**
     * Whether the test pays with this compressor, which takes longer over a block of random bytes than the test:
     * all but lz4's fast mode, which gives up on such a block at once.
     */
    static boolean pays(Compression compression, int level) {
        return compression != Compression.LZ4 || level > 0;
    }

    /** Whether {@code data[0, length)} reads as random bytes (see above). */
    boolean certain(byte[] data, int length) {
        // the first 4 KiB first, which end the test on most compressible blocks (random bytes have 7.95 there)
        if (length < PART || entropy(data, 0, SAMPLE) < MIN_SAMPLE_ENTROPY) {
            return false;
        }
        for (int from = 0; from < length; from += PART) {
            int to = length - from < 2 * PART ? length : from + PART;
            if (entropy(data, from, to) < MIN_ENTROPY) {
                return false;
            }
            if (to == length) {
                break;
            }
        }
        return !repeats(data, length);
    }

    /** The entropy of the bytes {@code data[from, to)}, in bits per byte. */
    private double entropy(byte[] data, int from, int to) {
        int[] c = counts;
        Arrays.fill(c, 0);
        for (int i = from; i < to; i++) {
            c[data[i] & 0xFF]++;
        }
        double sum = 0;
        for (int n : c) {
            if (n > 0) {
                sum += n * Math.log(n);
            }
        }
        int n = to - from;
        return (Math.log(n) - sum / n) / Math.log(2);
    }

    /**
     * Whether a run of {@link #LONG_RUN} bytes or more is repeated, or shorter runs of 4 bytes or more are, more than
     * one in each {@link #BYTES_PER_SHORT_RUN} bytes. The 4 bytes at every position are looked up among those last
     * seen at every 4th earlier one with the same hash, so that a repeated run of 7 bytes or more is met unless a
     * later position took its place in the table (more likely the farther apart the two copies are); a longer run
     * has more chances, one for each 4 of its bytes, and one of 64 bytes is all but certain to be met at any
     * distance.
     */
    private boolean repeats(byte[] data, int length) {
        int[] at = seen;
        Arrays.fill(at, -1);
        int shortRuns = 0;
        int maxShortRuns = length / BYTES_PER_SHORT_RUN;
        int word = (data[0] & 0xFF) << 8 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 24;
        for (int p = 0; p + 4 <= length; p++) {
            word = word >>> 8 | (data[p + 3] & 0xFF) << 24;
            int hash = (word * 0x9E3779B1) >>> (32 - HASH_BITS);
            int q = at[hash];
            if (q >= 0 && data[q] == data[p] && data[q + 1] == data[p + 1] && data[q + 2] == data[p + 2]
                    && data[q + 3] == data[p + 3]) {
                if (run(data, length, q, p) >= LONG_RUN || ++shortRuns > maxShortRuns) {
                    return true;
                }
            }
            if ((p & 3) == 0) {
                at[hash] = p;
            }
        }
        return false;
    }

    /** The length of the run that {@code data} repeats at {@code p} from {@code q < p}, both ways from there. */
    private static int run(byte[] data, int length, int q, int p) {
        int after = 4;
        while (p + after < length && after < LONG_RUN && data[q + after] == data[p + after]) {
            after++;
        }
        int before = 0;
        while (q - before > 0 && before < LONG_RUN && data[q - before - 1] == data[p - before - 1]) {
            before++;
        }
        return before + after;
    }
}
