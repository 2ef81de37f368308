package dev.portajava.squashfs.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.squashfs.BlockStore;
import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The entries of a {@link BlockStore} for one compressor, level and block size: the data blocks of one file's
 * content (a file of a block or more), or one fragment block (the small files packed in it, see
 * {@link FragmentPacker}), as the image stores them. An entry is one file, named by the SHA-256 of its description
 * (its key and those settings), all numbers little-endian:
 *
 * <pre>
 * "PJSQBLK1"   the format
 * u16          the description's length, then the description (UTF-8)
 * u64          the file's size
 * u32          n, the number of data blocks
 * u32          t, the number of tail bytes: always 0 (written by earlier versions for files in fragments)
 * u32 x n      each block's size word as the image stores it: 0 for a sparse block, bit 24 set for one stored
 *              uncompressed
 * ...          the bytes of the blocks in order (none for sparse blocks), then the t bytes of the tail
 * u32          CRC32C of the bytes after the header, then of the header
 * </pre>
 *
 * An entry is used only if everything checks: description, size, block count and no tail for the data at hand, each
 * size word against its block, the length of the whole, the CRC. Entries are written to a temporary file and renamed
 * into place; a crash may leave a short or unwritten entry, which the checks refuse, so nothing is synced.
 *
 * <p>An entry of up to {@value #HELD} bytes of blocks is read once: its blocks are kept from the check. A larger one
 * is checked, then read a second time block by block, so that memory stays bounded.
 */
final class StoredBlocks implements Closeable {

    private static final byte[] MAGIC = "PJSQBLK1".getBytes(StandardCharsets.US_ASCII);
    private static final int UNCOMPRESSED = 0x0100_0000;
    private static final int CHUNK = 64 * 1024;
    /** The most bytes of blocks an entry keeps from its check; a warm build reads each such entry once. */
    private static final int HELD = 8 << 20;

    private final Path directory;
    private final String settings;
    private final int blockSize;
    private final Set<Sink> unfinished = new LinkedHashSet<>();

    StoredBlocks(BlockStore store, Compression compression, int level, int blockSize) {
        this.directory = store.directory();
        // a block of random bytes is stored raw without being compressed (Incompressible): entries written before
        // that, which may hold such a block compressed by a few bytes, are not used, so that a build from the store
        // gives the bytes of one without it
        this.settings = compression.label() + " level " + level + " block " + blockSize
                + (Incompressible.pays(compression, level) ? " random raw" : "");
        this.blockSize = blockSize;
    }

    /**
     * The entry of {@code key}, checked against the layout the writer gives {@code size} bytes: {@code blocks}
     * blocks; null when there is none or it cannot be used. Safe to call from several threads.
     */
    Entry find(String key, long size, int blocks) {
        int tail = 0;
        byte[] description = description(key);
        FileChannel in;
        try {
            in = FileChannel.open(pathOf(description), StandardOpenOption.READ);
        } catch (IOException e) {
            return null;
        }
        try {
            Entry entry = check(in, description, size, blocks, tail);
            if (entry != null) {
                return entry;
            }
        } catch (IOException e) {
            // unreadable: as good as absent
        }
        closeQuietly(in);
        return null;
    }

    /**
     * Starts the entry of {@code key}, which is stored once its blocks are given; null when the store cannot be
     * written to.
     */
    Sink create(String key, long size, int blocks) {
        byte[] description = description(key);
        if (headerLength(description.length, blocks) > Integer.MAX_VALUE / 2) {
            return null;
        }
        Path target = pathOf(description);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, target.getFileName().toString().substring(0, 16) + "-", ".tmp");
            Sink sink = new Sink(target, temp, FileChannel.open(temp, StandardOpenOption.WRITE), description, size,
                    blocks);
            unfinished.add(sink);
            return sink;
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(temp);
            return null;
        }
    }

    /** Drops the entries not completed, as when the image could not be written. */
    @Override
    public void close() {
        for (Sink sink : unfinished.toArray(new Sink[0])) {
            sink.abandon();
        }
    }

    private byte[] description(String key) {
        return (key + " " + settings).getBytes(StandardCharsets.UTF_8);
    }

    private Path pathOf(byte[] description) {
        return directory.resolve(Sha256.hex(description));
    }

    private static long headerLength(int descriptionLength, int blocks) {
        return MAGIC.length + 2 + descriptionLength + 8 + 4 + 4 + 4L * blocks;
    }

    /** The raw length of block {@code i} of a file of {@code size} bytes. */
    private int rawLength(long size, int i) {
        return (int) Math.min(blockSize, size - (long) i * blockSize);
    }

    private Entry check(FileChannel in, byte[] description, long size, int blocks, int tail) throws IOException {
        long headerLength = headerLength(description.length, blocks);
        long length = in.size();
        if (length < headerLength + 4 || headerLength > Integer.MAX_VALUE) {
            return null;
        }
        byte[] header = new byte[(int) headerLength];
        readFully(in, ByteBuffer.wrap(header), 0);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC) || Short.toUnsignedInt(h.getShort()) != description.length) {
            return null;
        }
        byte[] stored = new byte[description.length];
        h.get(stored);
        if (!Arrays.equals(stored, description) || h.getLong() != size || h.getInt() != blocks || h.getInt() != tail) {
            return null;
        }
        int[] words = new int[blocks];
        long data = 0;
        for (int i = 0; i < blocks; i++) {
            int word = h.getInt();
            int raw = rawLength(size, i);
            int length1 = word & ~UNCOMPRESSED;
            boolean valid = word == 0
                    || (word & UNCOMPRESSED) != 0 && length1 == raw
                    || (word & UNCOMPRESSED) == 0 && word > 0 && word <= raw;
            if (!valid) {
                return null;
            }
            words[i] = word;
            data += length1;
        }
        if (length != headerLength + data + tail + 4) {
            return null;
        }
        CRC32C crc = new CRC32C();
        byte[][] held = null;
        if (tail == 0 && data <= HELD) { // the blocks are all there is to read
            held = new byte[blocks][];
            long at = headerLength;
            for (int i = 0; i < blocks; i++) {
                held[i] = new byte[words[i] & ~UNCOMPRESSED];
                readFully(in, ByteBuffer.wrap(held[i]), at);
                crc.update(held[i]);
                at += held[i].length;
            }
        } else {
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            for (long at = headerLength, end = headerLength + data + tail; at < end; ) {
                int n = (int) Math.min(CHUNK, end - at);
                chunk.clear().limit(n);
                readFully(in, chunk, at);
                crc.update(chunk.flip());
                at += n;
            }
        }
        crc.update(header);
        ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, trailer, length - 4);
        int checksum = trailer.getInt(0);
        if (checksum != (int) crc.getValue()) {
            return null;
        }
        return new Entry(in, pathOf(description), header, words, checksum, held);
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, at);
            if (n < 0) {
                throw new IOException("the entry ends early");
            }
            at += n;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a stray temporary file, never used
            }
        }
    }

    /**
     * A checked entry: its blocks as the check read them, or, for an entry larger than {@value #HELD} bytes, read a
     * second time block by block, so that memory stays bounded; the CRC is then checked again at the end, and a
     * difference fails the image (the entry changed while it was read: nothing this writer does).
     */
    static final class Entry implements Closeable {

        private final FileChannel in;
        private final Path path;
        private final byte[] header;
        private final int[] words;
        private final int checksum;
        private final byte[][] held;
        private final CRC32C crc = new CRC32C();
        private long position;
        private int next;

        /** @param held the blocks as the check read them; null for an entry read a second time */
        private Entry(FileChannel in, Path path, byte[] header, int[] words, int checksum, byte[][] held) {
            this.in = in;
            this.path = path;
            this.header = header;
            this.words = words;
            this.checksum = checksum;
            this.held = held;
            this.position = header.length;
        }

        int blocks() {
            return words.length;
        }

        /** The next data block as the image stores it: bytes null for a sparse block. */
        BlockCompressor.Block nextBlock() throws SquashfsException {
            int i = next++;
            int word = words[i];
            if (word == 0) {
                return new BlockCompressor.Block(null, 0);
            }
            return new BlockCompressor.Block(held != null ? held[i] : read(word & ~UNCOMPRESSED), word, true);
        }

        /** Checks that what was read is what was checked. */
        void finish() throws SquashfsException {
            if (held != null) {
                return; // checked as read
            }
            crc.update(header);
            if ((int) crc.getValue() != checksum) {
                throw new SquashfsException(path + ": this block store entry changed while it was read");
            }
        }

        private byte[] read(int length) throws SquashfsException {
            byte[] bytes = new byte[length];
            try {
                readFully(in, ByteBuffer.wrap(bytes), position);
            } catch (IOException e) {
                throw new SquashfsException(path + ": cannot read this block store entry: " + e, e);
            }
            position += length;
            crc.update(bytes);
            return bytes;
        }

        @Override
        public void close() {
            closeQuietly(in);
        }
    }

    /**
     * An entry being written: the blocks as they are written to the image. Once it has them all it is
     * renamed into place. A failure to write drops the entry and leaves the image alone.
     */
    final class Sink {

        private final Path target;
        private final Path temp;
        private final byte[] description;
        private final long size;
        private final int[] words;
        private final CRC32C crc = new CRC32C();
        private FileChannel out;
        private long position;
        private int received;

        private Sink(Path target, Path temp, FileChannel out, byte[] description, long size, int blocks) {
            this.target = target;
            this.temp = temp;
            this.out = out;
            this.description = description;
            this.size = size;
            this.words = new int[blocks];
            this.position = headerLength(description.length, blocks);
        }

        /** The next data block as the image stores it: the first bytes of {@code bytes}, null for a sparse block. */
        void block(int word, byte[] bytes) {
            if (out == null) {
                return;
            }
            words[received++] = word;
            try {
                if (bytes != null) {
                    append(bytes, word & 0x00FF_FFFF);
                }
            } catch (IOException e) {
                abandon();
                return;
            }
            commitIfComplete();
        }

        private void commitIfComplete() {
            if (received < words.length) {
                return;
            }
            try {
                ByteBuffer header = ByteBuffer.allocate((int) headerLength(description.length, words.length))
                        .order(ByteOrder.LITTLE_ENDIAN);
                header.put(MAGIC).putShort((short) description.length).put(description).putLong(size)
                        .putInt(words.length).putInt(0);
                for (int word : words) {
                    header.putInt(word);
                }
                crc.update(header.array());
                writeFully(out, header.flip(), 0);
                ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
                writeFully(out, trailer.flip(), position);
                out.close();
                out = null;
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                unfinished.remove(this);
            } catch (IOException | UnsupportedOperationException e) {
                abandon();
            }
        }

        private void append(byte[] bytes, int length) throws IOException {
            writeFully(out, ByteBuffer.wrap(bytes, 0, length), position);
            position += length;
            crc.update(bytes, 0, length);
        }

        void abandon() {
            if (out != null) {
                closeQuietly(out);
                out = null;
            }
            deleteQuietly(temp);
            unfinished.remove(this);
        }
    }
}
