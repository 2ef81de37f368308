package dev.portajava.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsAsFilesDoes() throws IOException {
        Path file = dir.resolve("unit.service");
        byte[] content = "[Service]\nExecStart=/bin/true\n".getBytes(StandardCharsets.UTF_8);

        HostFiles.write(file, content);
        HostFiles.write(file, "short".getBytes(StandardCharsets.UTF_8)); // truncated, as Files.write truncates

        assertEquals("short", Files.readString(file));
        assertArrayEquals(Files.readAllBytes(file), HostFiles.readAllBytes(file));
        assertEquals("short", HostFiles.readString(file));
    }

    @Test
    void readAllLines_splitsAtTheLineEndingsFilesSplitsAt() throws IOException {
        Path file = dir.resolve("lines");
        for (String text : List.of("a\nb\r\nc\rd", "a\n", "\n\n", "", "x\r\n\r\ny", "caf\u00e9\n\u00e9t\u00e9")) {
            Files.writeString(file, text);

            assertEquals(Files.readAllLines(file), HostFiles.readAllLines(file), text);
        }
    }

    @Test
    void readString_refusesMalformedUtf8_asFilesDoes() throws IOException {
        Path file = dir.resolve("latin1");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xe9});

        assertThrows(CharacterCodingException.class, () -> Files.readString(file));
        assertThrows(CharacterCodingException.class, () -> HostFiles.readString(file));
        assertThrows(CharacterCodingException.class, () -> HostFiles.readAllLines(file));
    }

    @Test
    void missingFiles_areNoSuchFileExceptions_namingThePath() {
        Path missing = dir.resolve("missing");
        Path inMissingDirectory = dir.resolve("no/such/file");

        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> HostFiles.readAllBytes(missing)).getFile());
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> HostFiles.openForReading(missing)).getFile());
        assertEquals(inMissingDirectory.toString(), assertThrows(NoSuchFileException.class,
                () -> HostFiles.write(inMissingDirectory, new byte[1])).getFile());
    }

    @Test
    void javaIoFailures_becomeWhatFilesThrows() {
        Path file = Path.of("/etc/systemd/system.attached/.#a.service0123456789abcdef");

        IOException denied = HostFiles.translated(new FileNotFoundException(file + " (Permission denied)"), file);
        IOException notPermitted = HostFiles.translated(
                new FileNotFoundException(file + " (Operation not permitted)"), file);
        IOException odd = HostFiles.translated(new FileNotFoundException("no reason given"), file);

        assertEquals(file.toString(), assertInstanceOf(AccessDeniedException.class, denied).getFile());
        assertEquals("Operation not permitted", assertInstanceOf(FileSystemException.class, notPermitted).getReason());
        assertEquals(file.toString(), ((FileSystemException) notPermitted).getFile());
        assertEquals("no reason given", assertInstanceOf(FileSystemException.class, odd).getReason());
    }

    /** java.io would name another file ({@code a\uFFFD}): such a path goes through Files, with its own bytes. */
    @Test
    void aNameJavaIoCannotSpell_isWrittenAndReadWithItsOwnBytes() throws IOException {
        Path file = dir.resolve(FileNames.path(FileNames.decode(new byte[] {'a', (byte) 0xff})));

        HostFiles.write(file, new byte[] {1, 2, 3});

        List<String> names;
        try (Stream<Path> entries = Files.list(dir)) {
            names = entries.map(FileNames::name).collect(Collectors.toList());
        }
        assertEquals(List.of(FileNames.decode(new byte[] {'a', (byte) 0xff})), names);
        assertArrayEquals(new byte[] {1, 2, 3}, HostFiles.readAllBytes(file));
        try (HostFiles.PositionalFile opened = HostFiles.openForReading(file)) {
            byte[] two = new byte[2];
            assertEquals(2, opened.read(two, 0, 2, 1));
            assertArrayEquals(new byte[] {2, 3}, two);
        }
    }

    @Test
    void positionalReads_fromSeveralThreads_readWhatIsAtEachPosition() throws Exception {
        byte[] content = new byte[1 << 20];
        new Random(7).nextBytes(content);
        Path file = dir.resolve("image.raw");
        Files.write(file, content);

        try (HostFiles.PositionalFile opened = HostFiles.openForReading(file);
                ExecutorCloser threads = new ExecutorCloser(Executors.newFixedThreadPool(4))) {
            assertEquals(content.length, opened.size());
            List<Future<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int position = new Random(i).nextInt(content.length - 4096);
                reads.add(threads.executor().submit(() -> {
                    byte[] block = new byte[4096];
                    int done = 0;
                    while (done < block.length) {
                        done += opened.read(block, done, block.length - done, position + done);
                    }
                    for (int b = 0; b < block.length; b++) {
                        if (block[b] != content[position + b]) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> read : reads) {
                assertEquals(true, read.get());
            }
            assertEquals(-1, opened.read(new byte[1], 0, 1, content.length));
            // readFully stops at the end of the file, with as many bytes as it had
            byte[] tail = new byte[10];
            assertEquals(6, opened.readFully(tail, tail.length, content.length - 6));
            assertArrayEquals(Arrays.copyOfRange(content, content.length - 6, content.length), Arrays.copyOf(tail, 6));
        }
    }

    private record ExecutorCloser(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
