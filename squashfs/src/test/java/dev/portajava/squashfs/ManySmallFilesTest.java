package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tree of many tiny files: reading them ahead holds a bounded number of arrays, whatever the files' count. */
class ManySmallFilesTest {

    @TempDir
    Path temp;

    @Test
    void write_30000OneByteFiles_fitsA64MBHeap() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        for (int d = 0; d < 30; d++) {
            Path dir = Files.createDirectory(tree.resolve("d" + d));
            for (int f = 0; f < 1000; f++) {
                Files.write(dir.resolve("f" + f), new byte[] {(byte) (d * 1000 + f)});
            }
        }
        Path image = temp.resolve("tree.sqfs");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), LargeImageTest.Write.class.getName(), tree.toString(),
                image.toString()).inheritIO().start();

        assertEquals(0, p.waitFor());
        try (SquashfsImage read = SquashfsImage.open(image)) {
            assertEquals(30_000 + 30 + 1, read.inodeCount());
            SquashfsEntry last = read.lookup("/d29/f999").orElseThrow();
            assertEquals((byte) 29_999, read.open(last).readAllBytes()[0]);
        }
    }
}
