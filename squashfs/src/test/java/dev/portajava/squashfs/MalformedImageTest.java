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
        ImageChecks.readAll(xattrImage(compression));
    }

    /** The xattr table, at the end of the image, damaged: read or corrupt, as everything else. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void open_xattrImageDamaged_isCorruptOrReadable(Compression compression) throws Exception {
        byte[] image = xattrImage(compression);
        Random random = new Random(11 + compression.ordinal());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < image.length; length += Math.max(1, image.length / 200)) {
                readOrCorrupt(Arrays.copyOf(image, length));
            }
            long bytesUsed = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(40);
            for (int round = 0; round < 400; round++) {
                byte[] damaged = image.clone();
                int at = (int) (bytesUsed - 1 - random.nextInt((int) Math.min(bytesUsed - 96, 3000)));
                damaged[at] = (byte) random.nextInt(256);
                readOrCorrupt(damaged);
            }
        });
    }

    private static void readOrCorrupt(byte[] bytes) {
        try {
            ImageChecks.readAll(bytes);
        } catch (CorruptImageException e) {
            assertTrue(e.getMessage().startsWith("image: "), e.getMessage());
            assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        }
    }

    /** A small tree with extended attributes on about a third of its entries, some of them large. */
    private byte[] xattrImage(Compression compression) throws Exception {
        Path tree = RandomTree.generate(Files.createDirectory(temp.resolve("xtree-" + compression.label())), 4, 40,
                4096);
        SquashfsWriter writer = SquashfsWriter.of(SquashfsOptions.defaults().withCompression(compression)
                .withBlockSize(4096));
        dev.portajava.tree.ImagePlan.Builder plan = writer.plan(tree);
        Random random = new Random(7);
        java.util.List<dev.portajava.tree.ImagePath> paths = new java.util.ArrayList<>();
        plan.build().walk(e -> paths.add(e.path()));
        for (dev.portajava.tree.ImagePath path : paths) {
            if (random.nextInt(3) == 0) {
                byte[] value = new byte[random.nextBoolean() ? 10 : 3000];
                random.nextBytes(value);
                plan.setXattr(path, random.nextBoolean() ? "user.x" : "trusted.y" + random.nextInt(3), value);
            }
        }
        Path image = temp.resolve("x-" + compression.label() + ".sqfs");
        writer.write(plan.build(), image);
        return Files.readAllBytes(image);
    }

    private byte[] smallImage(Compression compression) throws Exception {
        Path tree = RandomTree.generate(Files.createDirectory(temp.resolve("tree-" + compression.label())), 3, 40, 4096);
        Path image = temp.resolve(compression.label() + ".sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(compression).withBlockSize(4096)).write(tree, image);
        return Files.readAllBytes(image);
    }
}
