package dev.portajava.ddi.internal;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.LongStream;

/**
 * Computes a {@link ContentSeed} from the writes that make the data, as they are made, so the data need not be read
 * again. Writes that follow each other are hashed at once, a {@link ContentSeed#CHUNK chunk} at a time; a chunk
 * that any write reaches out of that order (written again, such as a superblock patched at the end, or skipped
 * over) is marked and read back from the file when the seed is asked for. Only the chunks' digests are kept: 8 KiB
 * per GiB.
 */
public final class ContentStream {

    private static final int CHUNK = ContentSeed.CHUNK;

    private final MessageDigest sha = Sha256.digest();
    private final BitSet unordered = new BitSet();
    private byte[] digests = new byte[32 * 64];
    /** Where the writes in order have come to; the digest holds the bytes of its chunk before it. */
    private long next;

    /** Takes the write of {@code bytes} (position to limit) at {@code position} of the data. */
    public void written(long position, ByteBuffer bytes) {
        bytes = bytes.duplicate();
        long end = position + bytes.remaining();
        if (position > next) { // a gap nothing has filled (yet)
            mark(next, position);
            next = position;
            sha.reset();
        } else if (position < next) {
            mark(position, Math.min(end, next));
            if (end <= next) {
                return;
            }
            bytes.position(bytes.position() + (int) (next - position));
        }
        while (bytes.hasRemaining()) {
            long chunk = next / CHUNK;
            int take = (int) Math.min(bytes.remaining(), (chunk + 1) * CHUNK - next);
            if (!unordered.get((int) chunk)) {
                ByteBuffer part = bytes.duplicate();
                part.limit(part.position() + take);
                sha.update(part);
            }
            bytes.position(bytes.position() + take);
            next += take;
            if (next % CHUNK == 0) {
                finishChunk(chunk);
            }
        }
    }

    /**
     * The seed of the {@code length} bytes of data at {@code offset} of {@code data}, of which this stream saw the
     * writes: the chunks it could not hash from them are read back. Asked once, after the last write.
     */
    public ContentSeed seed(FileChannel data, long offset, long length) throws IOException {
        int chunks = ContentSeed.chunks(length);
        if (next == length && length % CHUNK != 0) {
            finishChunk(length / CHUNK);
        } else if (next != length) { // written past the end, or not up to it
            mark(Math.min(next, length) / CHUNK * CHUNK, Math.max(next, length));
        }
        ensure(chunks);
        byte[] all = Arrays.copyOf(digests, chunks * 32);
        ContentSeed.hashChunks(data, offset, length,
                LongStream.range(0, chunks).filter(chunk -> unordered.get((int) chunk)), all);
        return ContentSeed.of(length, all);
    }

    /** How many chunks are read back, of those hashed so far. */
    int unorderedChunks() {
        return unordered.cardinality();
    }

    private void finishChunk(long chunk) {
        if (unordered.get((int) chunk)) {
            sha.reset();
            return;
        }
        ensure((int) chunk + 1);
        try {
            sha.digest(digests, (int) chunk * 32, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the chunks that bytes {@code from} to {@code to} touch as to be read back. */
    private void mark(long from, long to) {
        if (to > from) {
            unordered.set(Math.toIntExact(from / CHUNK), Math.toIntExact((to - 1) / CHUNK) + 1);
        }
    }

    private void ensure(int chunks) {
        if (digests.length < chunks * 32) {
            digests = Arrays.copyOf(digests, Math.max(chunks * 32, digests.length * 2));
        }
    }
}
