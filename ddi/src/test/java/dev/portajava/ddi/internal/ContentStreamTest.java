package dev.portajava.ddi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed from the writes is the one read from the file, whatever order the writes came in. */
class ContentStreamTest {

    private static final int CHUNK = ContentSeed.CHUNK;
    private static final int OFFSET = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void seed_writesInOrder_isTheSeedOfTheFileAndReadsNothingBack() throws Exception {
        byte[] data = random(3 * CHUNK + 12_288, 1);
        try (FileChannel disk = disk()) {
            ContentStream stream = new ContentStream();
            for (int at = 0; at < data.length; at += 131_072) {
                write(disk, stream, data, at, Math.min(131_072, data.length - at));
            }
            assertSeed(disk, data, stream);
            assertEquals(0, stream.unorderedChunks());
        }
    }

    @Test
    void seed_superblockWrittenLastOverAFinishedChunk_readsBackThatChunkOnly() throws Exception {
        byte[] data = random(5 * CHUNK + 4096, 2);
        try (FileChannel disk = disk()) {
            ContentStream stream = new ContentStream();
            write(disk, stream, data, 96, 1000);
            write(disk, stream, data, 1096, data.length - 1096);
            write(disk, stream, data, 0, 96);
            assertSeed(disk, data, stream);
            assertEquals(1, stream.unorderedChunks());
        }
    }

    @Test
    void seed_superblockWrittenLastInsideTheOnlyChunk_isTheSeedOfTheFile() throws Exception {
        byte[] data = random(40_960, 3);
        try (FileChannel disk = disk()) {
            ContentStream stream = new ContentStream();
            write(disk, stream, data, 96, data.length - 96);
            write(disk, stream, data, 0, 96);
            assertSeed(disk, data, stream);
        }
    }

    @Test
    void seed_rewritesGapsAndOverlaps_isTheSeedOfTheFile() throws Exception {
        byte[] data = random(6 * CHUNK, 4);
        byte[] stale = random(data.length, 5);
        try (FileChannel disk = disk()) {
            ContentStream stream = new ContentStream();
            write(disk, stream, stale, 0, CHUNK + 500); // then written again with other bytes
            write(disk, stream, data, 0, CHUNK + 500);
            write(disk, stream, data, CHUNK + 100, CHUNK); // overlaps what was written and goes past it
            write(disk, stream, data, 3 * CHUNK + 7, CHUNK); // skips bytes, written at the end
            write(disk, stream, data, 4 * CHUNK + 7, 2 * CHUNK - 7); // in order, from the middle of a chunk
            write(disk, stream, data, 2 * CHUNK + 100, CHUNK - 93);
            assertSeed(disk, data, stream);
            assertEquals(4, stream.unorderedChunks(), "chunks 0 to 3");
        }
    }

    @Test
    void seed_dataLongerOrShorterThanTheWrites_isTheSeedOfTheFile() throws Exception {
        byte[] data = random(2 * CHUNK + 8192, 6);
        try (FileChannel disk = disk()) {
            ContentStream shorter = new ContentStream();
            write(disk, shorter, data, 0, 2 * CHUNK); // the rest written by someone else
            write(disk, new ContentStream(), data, 2 * CHUNK, 8192);
            assertSeed(disk, data, shorter);
        }
        byte[] longer = random(CHUNK + 8192, 7);
        try (FileChannel disk = disk()) {
            ContentStream stream = new ContentStream();
            write(disk, stream, longer, 0, longer.length);
            assertArrayEquals(ContentSeed.of(disk, OFFSET, CHUNK + 4096).digest(),
                    stream.seed(disk, OFFSET, CHUNK + 4096).digest(), "the data end before the last write");
        }
    }

    private FileChannel disk() throws IOException {
        return FileChannel.open(dir.resolve("disk-" + System.nanoTime()), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void write(FileChannel disk, ContentStream stream, byte[] data, int at, int length)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(data, at, length);
        while (bytes.hasRemaining()) {
            disk.write(bytes, OFFSET + bytes.position());
        }
        ByteBuffer shown = ByteBuffer.wrap(data, at, length);
        stream.written(at, shown);
        assertEquals(at, shown.position(), "the stream leaves the buffer as it was");
    }

    private static void assertSeed(FileChannel disk, byte[] data, ContentStream stream) throws IOException {
        assertArrayEquals(ContentSeed.of(disk, OFFSET, data.length).digest(),
                stream.seed(disk, OFFSET, data.length).digest());
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
