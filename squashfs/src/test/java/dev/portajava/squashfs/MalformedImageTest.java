package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged images: truncated anywhere, bytes flipped anywhere. The reader either reads them or says they are
 * corrupt, quickly; never another exception, never a hang.
 */
class MalformedImageTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void open_truncatedAnywhere_isCorruptOrReadable(Compression compression) throws Exception {
        byte[] image = smallImage(compression);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < image.length; length += Math.max(1, image.length / 400)) {
                byte[] cut = Arrays.copyOf(image, length);
                if (length < 4096) {
                    assertThrows(CorruptImageException.class, () -> ImageChecks.readAll(cut), "length " + length);
                } else {
                    readOrCorrupt(cut);
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void open_bytesFlipped_isCorruptOrReadable(Compression compression) throws Exception {
        byte[] image = smallImage(compression);
        Random random = new Random(5 + compression.ordinal());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 400; round++) {
                byte[] damaged = image.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(random.nextBoolean() ? damaged.length : 200);
                    damaged[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : damaged[at] ^ 1 << random.nextInt(8));
                }
                readOrCorrupt(damaged);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void open_intactImage_readsEverything(Compression compression) throws Exception {
        ImageChecks.readAll(smallImage(compression));
    }

    private static void readOrCorrupt(byte[] bytes) {
        try {
            ImageChecks.readAll(bytes);
        } catch (CorruptImageException e) {
            assertTrue(e.getMessage().startsWith("image: "), e.getMessage());
            assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        }
    }

    private byte[] smallImage(Compression compression) throws Exception {
        Path tree = RandomTree.generate(Files.createDirectory(temp.resolve("tree-" + compression.label())), 3, 40, 4096);
        Path image = temp.resolve(compression.label() + ".sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(compression).withBlockSize(4096)).write(tree, image);
        return Files.readAllBytes(image);
    }
}
