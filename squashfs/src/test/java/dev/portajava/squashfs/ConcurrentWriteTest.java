package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portajava.tree.ImagePlan;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inode and directory tables are written while the files' data still is: the image is the same however many
 * threads compress, and a file that fails while the tables wait for it fails the image, without hanging.
 */
class ConcurrentWriteTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path temp;

    @Test
    void write_onOneThreadOrSeveral_givesTheSameBytes() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        RandomTree.generate(tree, 11, 1500, BLOCK);
        RandomTree.wide(tree, 12, 3000);
        byte[] one = write(tree, 1, "one.raw");
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one, write(tree, threads, threads + ".raw"), threads + " threads");
        }
    }

    @Test
    void write_fileThatShrankSincePlanned_failsNamingItAndLeavesNoImage() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        RandomTree.generate(tree, 21, 800, BLOCK);
        SquashfsWriter writer = writer(2);
        ImagePlan plan = writer.plan(tree).build();
        Path victim = largestFile(tree);
        try (FileChannel channel = FileChannel.open(victim, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(victim) / 2);
        }
        Path image = temp.resolve("image.raw");
        SquashfsException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(SquashfsException.class, () -> writer.write(plan, image)));
        assertEquals(victim + ": the file shrank while the image was written", e.getMessage().replaceAll(" \\(.*", ""));
        assertFalse(Files.exists(image));
    }

    @Test
    void write_smallFileOneByteLongerOrShorterThanPlanned_failsNamingIt() throws Exception {
        for (int change : new int[] {1, -1}) {
            Path tree = Files.createDirectory(temp.resolve("tree" + change));
            RandomTree.generate(tree, 31, 300, BLOCK);
            SquashfsWriter writer = writer(2);
            ImagePlan plan = writer.plan(tree).build();
            Path victim = smallFile(tree);
            long size = Files.size(victim);
            try (FileChannel channel = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                if (change > 0) {
                    channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), size);
                } else {
                    channel.truncate(size - 1);
                }
            }
            Path image = temp.resolve("image" + change + ".raw");

            SquashfsException e = assertThrows(SquashfsException.class, () -> writer.write(plan, image));

            assertEquals(victim + (change > 0 ? ": the file grew while the image was written (" + size
                    + " bytes planned)" : ": the file shrank while the image was written (" + size
                    + " bytes planned, " + (size - 1) + " found)"), e.getMessage());
            assertFalse(Files.exists(image));
        }
    }

    /** A file of the tree smaller than a block, which is read ahead whole, and not empty. */
    private static Path smallFile(Path tree) throws Exception {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).filter(f -> size(f) > 1 && size(f) < BLOCK).sorted()
                    .findFirst().orElseThrow();
        }
    }

    private byte[] write(Path tree, int threads, String name) throws Exception {
        Path image = temp.resolve(name);
        writer(threads).write(tree, image);
        return Files.readAllBytes(image);
    }

    private static SquashfsWriter writer(int threads) {
        return SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.GZIP).withBlockSize(BLOCK)
                .withOwner(0).withTime(0).withThreads(threads));
    }

    private static Path largestFile(Path tree) throws Exception {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).max((a, b) -> Long.compare(size(a), size(b))).orElseThrow();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
