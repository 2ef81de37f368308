package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes that take minutes: run with {@code mvn -pl squashfs test -Plarge}. */
@Tag("large")
class LargeImageTest {

    @TempDir
    Path temp;

    @Test
    void write_fileOver4GiB_unsquashfsExtractsItWhole() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Path big = tree.resolve("big");
        long size = (9L << 29) + 12345; // 4.5 GiB and a bit: an extended file inode, a partial last block
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size);
            byte[] data = new byte[3 << 20];
            new Random(1).nextBytes(data);
            f.seek(1L << 20);
            f.write(data);
            f.seek((1L << 32) + 77);
            f.write(data);
            f.seek(size - 5000);
            f.write(data, 0, 5000);
        }
        Files.writeString(tree.resolve("after"), "a file after the big one\n");
        Path image = temp.resolve("big.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.ZSTD)).write(tree, image);

        String listing = TreeDescription.run(List.of("unsquashfs", "-lln", image.toString()));
        assertTrue(listing.contains(" " + size + " "), listing);
        Path extracted = temp.resolve("extracted");
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), image.toString()));
        assertEquals(-1, Files.mismatch(big, extracted.resolve("big")));
        try (SquashfsImage read = SquashfsImage.open(image)) {
            SquashfsEntry entry = read.lookup("/big").orElseThrow();
            assertEquals(size, entry.size());
            assertEquals(TreeDescription.digest(Files.newInputStream(big)), TreeDescription.digest(read.open(entry)));
        }
    }

    @Test
    void write_2GBTree_fitsA256MBHeap() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "java")));
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Random random = new Random(2);
        byte[] block = new byte[1 << 20];
        for (int d = 0; d < 40; d++) {
            Path dir = Files.createDirectory(tree.resolve("d" + d));
            for (int f = 0; f < 50; f++) {
                random.nextBytes(block);
                for (int i = 0; i < block.length; i += 4) {
                    block[i] = 0; // a little compressible
                }
                Files.write(dir.resolve("f" + f), block);
            }
        }
        Path image = temp.resolve("tree.sqfs");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Write.class.getName(), tree.toString(), image.toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        try (SquashfsImage read = SquashfsImage.open(image)) {
            assertEquals(2000 + 40 + 1, read.inodeCount());
            SquashfsEntry last = read.lookup("/d39/f49").orElseThrow();
            assertEquals(TreeDescription.digest(Files.newInputStream(tree.resolve("d39/f49"))),
                    TreeDescription.digest(read.open(last)));
        }
    }

    /** Writes an image in a JVM of its own, whose heap the test sets. */
    static final class Write {
        public static void main(String[] args) throws IOException, SquashfsException {
            SquashfsWriter.of(SquashfsOptions.defaults()).write(Path.of(args[0]), Path.of(args[1]));
            System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        }
    }
}
