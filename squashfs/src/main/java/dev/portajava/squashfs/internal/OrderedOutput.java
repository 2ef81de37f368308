package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes data and fragment blocks in the order they were queued, whatever order their compression ends in, so the
 * image does not depend on thread timing. At most a window of blocks is queued and not yet written: queuing one
 * more waits for the oldest, so memory stays bounded whatever the tree's size. Records where each block went: a
 * file's start and block sizes, a fragment block's place in the fragment table.
 */
final class OrderedOutput {

    private final ImageOutput out;
    private final int blockSize;
    private final int window;
    private final StoredBlocks store;
    private final BufferPool buffers;
    private final DataProgress progress;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<long[]> fragments = new ArrayList<>();
    private long position;
    private long compressed;
    private long reused;

    /**
     * Writes at {@code position} of {@code out} on; {@code store} (or null) keeps new fragment blocks; the
     * arrays of blocks written go back to {@code buffers}; a file whose last block is written is marked placed and
     * {@code progress} signalled.
     */
    OrderedOutput(ImageOutput out, long position, int blockSize, int window, StoredBlocks store,
            BufferPool buffers, DataProgress progress) {
        this.out = out;
        this.position = position;
        this.blockSize = blockSize;
        this.window = window;
        this.store = store;
        this.buffers = buffers;
        this.progress = progress;
    }

    /** A file's data starts here: at the position of the next block queued. */
    void start(TreeInode.FileData data) throws IOException, SquashfsException {
        queue(new Pending(data, -1, null, null, null, 0, null));
    }

    /**
     * Block {@code index} of a file; {@code sink} (or null) keeps it in a block store once written; {@code raw} (or
     * null), the array it was read into, goes back to the pool then.
     */
    void block(TreeInode.FileData data, int index, Future<BlockCompressor.Block> block, StoredBlocks.Sink sink,
            byte[] raw) throws IOException, SquashfsException {
        queue(new Pending(data, index, block, sink, null, 0, raw));
    }

    /** A new entry of the fragment table; its block is queued with {@link #fragment}. */
    int newFragment() {
        fragments.add(new long[2]);
        return fragments.size() - 1;
    }

    /**
     * Fragment block {@code index}, of {@code rawLength} bytes; when {@code storeKey} is not null and the block was
     * compressed now, it is kept in the block store under that key.
     */
    void fragment(int index, Future<BlockCompressor.Block> block, String storeKey, int rawLength, byte[] raw)
            throws IOException, SquashfsException {
        queue(new Pending(null, index, block, null, storeKey, rawLength, raw));
    }

    /** Writes everything queued; returns the position after the data. */
    long finish() throws IOException, SquashfsException {
        drain(0);
        return position;
    }

    /** How many data and fragment blocks were compressed now, and how many taken from the block store. */
    long[] blockCounts() {
        return new long[] {compressed, reused};
    }

    /** The fragment table: for each fragment block, its start and its size word. */
    List<long[]> fragments() {
        return fragments;
    }

    private void queue(Pending next) throws IOException, SquashfsException {
        pending.add(next);
        drain(window);
    }

    private void drain(int keep) throws IOException, SquashfsException {
        while (pending.size() > keep) {
            Pending next = pending.poll();
            if (next.future == null) {
                next.data.start = position;
                continue;
            }
            BlockCompressor.Block block = await(next.future);
            long start = position;
            if (block.bytes() != null && block.fromStore()) {
                reused++;
            } else if (block.bytes() != null) {
                compressed++;
            }
            if (block.bytes() != null) {
                position += out.write(position, block.bytes(), block.length());
            }
            if (next.data != null) {
                next.data.sizes[next.index] = block.sizeWord();
                if (block.bytes() == null) {
                    next.data.sparse += blockSize;
                }
                if (next.sink != null) {
                    next.sink.block(block.sizeWord(), block.bytes());
                }
                if (next.index == next.data.sizes.length - 1) {
                    next.data.placed = true;
                    progress.signal();
                }
            } else {
                fragments.set(next.index, new long[] {start, block.sizeWord()});
                if (next.storeKey != null && store != null && !block.fromStore()) {
                    StoredBlocks.Sink sink = store.create(next.storeKey, next.rawLength, 1);
                    if (sink != null) {
                        sink.block(block.sizeWord(), block.bytes());
                    }
                }
            }
            buffers.give(block.bytes());
            if (next.raw != block.bytes()) {
                buffers.give(next.raw);
            }
        }
    }

    private static BlockCompressor.Block await(Future<BlockCompressor.Block> future) throws SquashfsException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SquashfsException cause) {
                throw cause;
            }
            throw new SquashfsException("compressing a block failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SquashfsException("interrupted while writing the image");
        }
    }

    /**
     * A block queued: {@code future == null} marks where a file's data starts; {@code data == null} is a fragment
     * block.
     */
    private record Pending(TreeInode.FileData data, int index, Future<BlockCompressor.Block> future,
            StoredBlocks.Sink sink, String storeKey, int rawLength, byte[] raw) {
    }
}
