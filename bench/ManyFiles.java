import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates a tree of many small files in nested directories, the same bytes on every machine: FILES files (text
 * and random bytes, 0 to 8 KiB, about 4 KiB on average), 100 to a directory, 10 directories to a parent.
 *
 * <pre>java bench/ManyFiles.java DIR FILES</pre>
 */
public final class ManyFiles {

    private ManyFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Files.createDirectories(Path.of(args[0]));
        int files = Integer.parseInt(args[1]);
        Random random = new Random(42);
        byte[] words = "the quick brown fox jumps over the lazy dog while a service starts from its image\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < files; i++) {
            Path dir = root.resolve("d" + i / 1000).resolve("e" + i / 100 % 10);
            if (i % 100 == 0) {
                Files.createDirectories(dir);
            }
            byte[] content = new byte[random.nextInt(8192)];
            if (i % 3 == 0) {
                random.nextBytes(content);
            } else {
                for (int j = 0; j < content.length; j++) {
                    content[j] = words[(j + i) % words.length];
                }
            }
            Files.write(dir.resolve("f" + i + (i % 3 == 0 ? ".bin" : ".txt")), content);
        }
    }
}
