package dev.portajava.builder.internal.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ELF reader against hostile bytes: random files, and real-looking ELF files with bytes flipped, fields set to
 * extremes and tails cut. It must give a result or a {@link MalformedElfException} with a message, nothing else,
 * and never hang. Seeded, so a failure can be replayed.
 */
class ElfReaderFuzzTest {

    private static final long SEED = 0x5eed_e1f0L;
    private static final long[] EXTREMES = {0, 1, 0x7f, 0xff, 0xffff, 0x7fff_ffffL, 0xffff_ffffL, Long.MAX_VALUE,
        -1L, Long.MIN_VALUE, 1L << 32, 4096, 65536};

    private static final List<byte[]> SEEDS = List.of(
            TestElf.program().needs("libssl.so.3", "libc.so.6").runpath("$ORIGIN/../lib").bytes(),
            TestElf.library("libfoo.so.1").bits(32).bigEndian().machine(TestElf.EM_MIPS).needs("libc.so.6").bytes(),
            TestElf.library("libbar.so.2").bits(32).machine(TestElf.EM_386).rpath("/opt/lib").bytes(),
            TestElf.staticProgram().bytes());

    @Test
    void read_randomBytes_givesAResultOrTheTypedError() {
        Random random = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] data = new byte[random.nextInt(600)];
                random.nextBytes(data);
                if (random.nextBoolean() && data.length >= 6) {
                    System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', (byte) (1 + random.nextInt(2)),
                        (byte) (1 + random.nextInt(2))}, 0, data, 0, 6);
                }
                readOrMalformed(data);
            }
        });
    }

    @Test
    void read_mutatedElfFiles_giveAResultOrTheTypedError() {
        Random random = new Random(SEED + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 50_000; i++) {
                byte[] data = SEEDS.get(random.nextInt(SEEDS.size())).clone();
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    data = mutate(random, data);
                }
                readOrMalformed(data);
            }
        });
    }

    private static byte[] mutate(Random random, byte[] data) {
        switch (random.nextInt(4)) {
            case 0 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            case 2 -> {
                int at = random.nextInt(Math.max(1, data.length - 8));
                ByteBuffer b = ByteBuffer.wrap(data).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN
                        : ByteOrder.BIG_ENDIAN);
                long value = EXTREMES[random.nextInt(EXTREMES.length)];
                if (random.nextBoolean() && at + 8 <= data.length) {
                    b.putLong(at, value);
                } else if (at + 4 <= data.length) {
                    b.putInt(at, (int) value);
                }
            }
            default -> data = Arrays.copyOf(data, data.length == 0 ? 0 : random.nextInt(data.length + 1));
        }
        return data.length == 0 ? new byte[1] : data;
    }

    private static void readOrMalformed(byte[] data) throws Exception {
        try {
            ElfReader.read(new BytesChannel(data));
        } catch (MalformedElfException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
        }
    }
}
