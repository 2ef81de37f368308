package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes file data: blocks of files as large as a block or larger, small files packed into fragment blocks.
 * Blocks are compressed on a pool of threads and written in the order they were read, so the image does not depend
 * on thread timing; at most a small window of blocks is in flight, so memory stays bounded whatever the tree's size.
 * A file whose size and SHA-256 equal an earlier file's shares that file's data, as mksquashfs stores duplicates once.
 * A file with a content key (its SHA-256, from the options) is not read to find its duplicates, and with a block
 * store its blocks and tail come from the store when it has them, as they would be written, without reading the
 * file; when it does not, they go to the store as they are written.
 */
final class DataWriter {

    private final FileChannel out;
    private final int blockSize;
    private final BlockCompressor compressor;
    private final StoredBlocks store;
    private final int window;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<long[]> fragments = new ArrayList<>();
    private final Map<String, TreeInode.FileData> written = new HashMap<>();
    private long position;
    private byte[] fragment;
    private int fragmentFill;

    /** {@code store} is null when there is none. */
    DataWriter(FileChannel out, long position, int blockSize, BlockCompressor compressor, int threads,
            StoredBlocks store) {
        this.out = out;
        this.position = position;
        this.blockSize = blockSize;
        this.compressor = compressor;
        this.store = store;
        this.window = threads * 4 + 2;
        this.fragment = new byte[blockSize];
    }

    /** Writes a regular file's data; {@code mayBeDuplicate} when another file of the tree has its size. */
    void write(TreeInode file, boolean mayBeDuplicate) throws IOException, SquashfsException {
        if (file.data != null) {
            return; // a hard link, already written
        }
        if (mayBeDuplicate) {
            String key = file.size + ":" + (file.contentKey != null ? file.contentKey : sha256(file.path));
            TreeInode.FileData same = written.get(key);
            if (same != null) {
                file.data = same;
                return;
            }
            file.data = new TreeInode.FileData();
            written.put(key, file.data);
        } else {
            file.data = new TreeInode.FileData();
        }
        if (file.size == 0) {
            return;
        }
        // a file smaller than a block goes to a fragment whole; a larger one is all blocks, the last one short
        long blocks = file.size < blockSize ? 0 : (file.size + blockSize - 1) / blockSize;
        if (blocks > Integer.MAX_VALUE) {
            throw new SquashfsException(file.path + ": too large for squashfs");
        }
        int tail = blocks == 0 ? (int) file.size : 0;
        StoredBlocks.Sink sink = null;
        if (store != null && file.contentKey != null) {
            try (StoredBlocks.Entry entry = store.find(file.contentKey, file.size, (int) blocks, tail)) {
                if (entry != null) {
                    writeStored(file, entry);
                    return;
                }
            }
            sink = store.create(file.contentKey, file.size, (int) blocks, tail);
        }
        try (FileChannel in = FileChannel.open(file.path, StandardOpenOption.READ)) {
            if (blocks == 0) {
                byte[] bytes = new byte[tail];
                readFully(in, bytes, file);
                appendToFragment(file, bytes);
                if (sink != null) {
                    sink.tail(bytes);
                }
                return;
            }
            file.data.sizes = new int[(int) blocks];
            pending.add(new Pending(file.data, -1, null, null));
            for (int i = 0; i < blocks; i++) {
                int len = (int) Math.min(blockSize, file.size - (long) i * blockSize);
                byte[] block = new byte[len];
                readFully(in, block, file);
                pending.add(new Pending(file.data, i, compressor.submit(block, true), sink));
                drain(window);
            }
        }
    }

    /** Writes a file's blocks and tail from the store, in the same order and place as if it had been read. */
    private void writeStored(TreeInode file, StoredBlocks.Entry entry) throws IOException, SquashfsException {
        if (entry.blocks() == 0) {
            appendToFragment(file, entry.tail());
        } else {
            file.data.sizes = new int[entry.blocks()];
            pending.add(new Pending(file.data, -1, null, null));
            for (int i = 0; i < entry.blocks(); i++) {
                pending.add(new Pending(file.data, i, CompletableFuture.completedFuture(entry.nextBlock()), null));
                drain(window);
            }
        }
        entry.finish();
    }

    private void appendToFragment(TreeInode file, byte[] bytes) throws IOException, SquashfsException {
        if (fragmentFill + bytes.length > blockSize) {
            submitFragment();
        }
        file.data.fragment = fragments.size();
        file.data.fragmentOffset = fragmentFill;
        System.arraycopy(bytes, 0, fragment, fragmentFill, bytes.length);
        fragmentFill += bytes.length;
    }

    /** Writes the last fragment block and everything still in flight; returns the position after the data. */
    long finish() throws IOException, SquashfsException {
        if (fragmentFill > 0) {
            submitFragment();
        }
        drain(0);
        return position;
    }

    /** The fragment table: for each fragment block, its start and its size word. */
    List<long[]> fragments() {
        return fragments;
    }

    private void submitFragment() throws IOException, SquashfsException {
        byte[] block = Arrays.copyOf(fragment, fragmentFill);
        fragments.add(new long[2]);
        pending.add(new Pending(null, fragments.size() - 1, compressor.submit(block, false), null));
        fragmentFill = 0;
        drain(window);
    }

    private void drain(int keep) throws IOException, SquashfsException {
        while (pending.size() > keep) {
            Pending next = pending.poll();
            if (next.future == null) {
                next.data.start = position;
                continue;
            }
            BlockCompressor.Block block;
            try {
                block = next.future.get();
            } catch (ExecutionException e) {
                throw new SquashfsException("compressing a block failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SquashfsException("interrupted while writing the image");
            }
            long start = position;
            if (block.bytes() != null) {
                ImageAssembler.writeFully(out, ByteBuffer.wrap(block.bytes()), position);
                position += block.bytes().length;
            }
            if (next.data != null) {
                next.data.sizes[next.index] = block.sizeWord();
                if (block.bytes() == null) {
                    next.data.sparse += blockSize;
                }
                if (next.sink != null) {
                    next.sink.block(block.sizeWord(), block.bytes());
                }
            } else {
                fragments.set(next.index, new long[] {start, block.sizeWord()});
            }
        }
    }

    private static void readFully(FileChannel in, byte[] bytes, TreeInode file) throws IOException, SquashfsException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new SquashfsException(file.path + ": the file shrank while the image was written");
            }
        }
    }

    private static String sha256(Path path) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * A block in flight; {@code future == null} marks where a file's data starts. {@code sink}, when not null, takes
     * the block once it is written.
     */
    private record Pending(TreeInode.FileData data, int index, Future<BlockCompressor.Block> future,
            StoredBlocks.Sink sink) {
    }

    /** Compresses data and fragment blocks on a thread pool, each thread with its own codec. */
    static final class BlockCompressor implements AutoCloseable {

        private final ExecutorService pool;
        private final ThreadLocal<Codec> codecs;

        BlockCompressor(ExecutorService pool, java.util.function.Supplier<Codec> codec) {
            this.pool = pool;
            this.codecs = ThreadLocal.withInitial(codec);
        }

        Future<Block> submit(byte[] data, boolean mayBeSparse) {
            return pool.submit(() -> compress(data, mayBeSparse));
        }

        private Block compress(byte[] data, boolean mayBeSparse) {
            if (mayBeSparse && allZero(data)) {
                return new Block(null, 0);
            }
            byte[] compressed = codecs.get().compress(data, 0, data.length);
            return compressed == null ? new Block(data, data.length | 0x0100_0000) : new Block(compressed, compressed.length);
        }

        private static boolean allZero(byte[] data) {
            for (byte b : data) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }

        /** A block as stored: its bytes (null for a sparse block) and its size word (bit 24: uncompressed). */
        record Block(byte[] bytes, int sizeWord) {
        }
    }
}
