import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The benchmarks' input trees, generated: the same bytes on every machine for the same arguments, and nothing taken
 * from the machine (its JDK, its ~/.m2, its documentation).
 *
 * <pre>
 * java bench/Corpus.java program DIR MB [SEED]   an installed program: a deep tree of text (compresses about 3x),
 *                                                 binary-like data (about 1.5x), a few random files and empty ones
 * java bench/Corpus.java jars DIR MB [SEED]      archives, already compressed: jar (zip) files of 10 KB to 4 MB
 * java bench/Corpus.java small DIR MB [SEED]     many small files: source-like text of 0 to 8 KB (4 KB on average,
 *                                                 so 391 MB are about 100,000 files), 200 to a directory, two deep,
 *                                                 one in twenty a copy of the file before it
 * </pre>
 */
public final class Corpus {

    private final SplittableRandom random;
    private final String[] words;

    private Corpus(long seed) {
        random = new SplittableRandom(seed);
        words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = 2 + random.nextInt(9); n > 0; n--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java bench/Corpus.java program|jars|small DIR MB [SEED]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        long bytes = Long.parseLong(args[2]) << 20;
        Corpus corpus = new Corpus(args.length > 3 ? Long.parseLong(args[3]) : 1);
        switch (args[0]) {
            case "program" -> corpus.program(dir, bytes);
            case "jars" -> corpus.jars(dir, bytes);
            case "small" -> corpus.small(dir, bytes);
            default -> throw new IllegalArgumentException("unknown corpus " + args[0]);
        }
    }

    private void program(Path dir, long total) throws IOException {
        long written = 0;
        for (int i = 0; written < total; i++) {
            Path sub = dir.resolve("lib/part" + (i % 17) + "/module" + (i % 131));
            Files.createDirectories(sub);
            int kind = random.nextInt(100);
            int size = kind < 3 ? 0 : (int) Math.min(total - written, fileSize());
            byte[] content = kind < 55 ? text(size) : kind < 95 ? binary(size) : randomBytes(size);
            Files.write(sub.resolve("file" + i + (kind < 55 ? ".txt" : ".bin")), content);
            written += size;
        }
    }

    private void jars(Path dir, long total) throws IOException {
        long written = 0;
        for (int i = 0; written < total; i++) {
            Path jar = dir.resolve("archive-" + i + ".jar");
            long target = 10_000 + (long) (Math.pow(random.nextDouble(), 3) * 4_000_000);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                for (int entry = 0; Files.size(jar) < target && entry < 100_000; entry++) {
                    zip.putNextEntry(new ZipEntry("pkg" + entry % 40 + "/Class" + entry + ".class"));
                    zip.write(random.nextInt(3) == 0 ? text(fileSize() / 4) : binary(fileSize() / 4));
                    zip.closeEntry();
                    zip.flush();
                }
            }
            written += Files.size(jar);
        }
    }

    private void small(Path dir, long total) throws IOException {
        long written = 0;
        byte[] previous = new byte[0];
        for (int i = 0; written < total; i++) {
            Path sub = dir.resolve("pkg" + i / 5000 + "/sub" + i / 200 % 25);
            if (i % 200 == 0) {
                Files.createDirectories(sub);
            }
            byte[] content = i % 20 == 7 ? previous : text((int) Math.min(total - written, random.nextInt(8192)));
            Files.write(sub.resolve("File" + i + ".java"), content);
            written += content.length;
            previous = content;
        }
    }

    /** Mostly small files, a few large: from 100 bytes to 8 MB, about 250 KB on average. */
    private int fileSize() {
        return 100 + (int) (Math.pow(random.nextDouble(), 30) * 8_000_000);
    }

    private byte[] text(int size) {
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(words[(int) (Math.pow(random.nextDouble(), 2) * words.length)]);
            text.append(random.nextInt(12) == 0 ? '\n' : ' ');
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    /** Small numbers, mostly: like code and tables, about 1.5x compressible. */
    private byte[] binary(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(16));
        }
        return bytes;
    }

    private byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }
}
