package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads the contents of small files ahead of the writer, in batches on a pool of threads, and hands them over in
 * the order of the list: the writer takes each with {@link #next}. A batch is read into one array, used again for a
 * later batch once the writer has moved past it, so that reading many small files allocates a few arrays, not
 * their size (and the collections that would clear it up). At most {@link #MAX_BATCHES} batches are read and not
 * yet taken, each holding an array whatever its files' size, so memory stays bounded whatever the tree.
 */
final class ReadAhead {

    private static final int BATCH_FILES = 64;
    private static final int BATCH_BYTES = 512 << 10;
    private static final int MAX_BATCHES = 16;

    /** Bytes of a file, valid until the writer takes the first file of a later batch. */
    record Content(byte[] array, int offset, int length) {
    }

    private final List<TreeInode> files;
    private final ExecutorService readers;
    private final BufferPool arrays;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private int listed;
    private Batch current;
    private int taken;

    /** {@code files} are smaller than {@code blockSize}. */
    ReadAhead(List<TreeInode> files, ExecutorService readers, int blockSize) {
        this.files = files;
        this.readers = readers;
        // a batch stops at the first file that takes it to BATCH_BYTES or more, and the last file has a byte more
        this.arrays = new BufferPool(BATCH_BYTES + blockSize, MAX_BATCHES + 2);
    }

    /** The content of the next file of the list, which must be {@code file}. */
    Content next(TreeInode file) throws SquashfsException {
        if (current == null || taken == current.offsets.length - 1) {
            if (current != null) {
                arrays.give(current.array);
            }
            fill();
            current = batches.poll();
            current.await();
            taken = 0;
        }
        int offset = current.offsets[taken];
        int length = current.offsets[++taken] - offset;
        if (length != file.size()) {
            throw new IllegalStateException("read ahead out of order at " + file.entry.path());
        }
        return new Content(current.array, offset, length);
    }

    private void fill() {
        while (listed < files.size() && batches.size() < MAX_BATCHES) {
            int from = listed;
            long bytes = 0;
            while (listed < files.size() && listed - from < BATCH_FILES && bytes < BATCH_BYTES) {
                bytes += files.get(listed++).size();
            }
            List<TreeInode> members = files.subList(from, listed);
            int[] offsets = new int[members.size() + 1];
            for (int i = 0; i < members.size(); i++) {
                offsets[i + 1] = offsets[i] + (int) members.get(i).size();
            }
            byte[] array = arrays.take();
            batches.add(new Batch(array, offsets, readers.submit(() -> read(members, array, offsets))));
        }
    }

    private static Void read(List<TreeInode> members, byte[] array, int[] offsets) throws SquashfsException {
        for (int i = 0; i < members.size(); i++) {
            try (FileContent in = FileContent.open(members.get(i))) {
                in.readWhole(array, offsets[i]); // the byte after is the next file's, not read yet, or spare
            }
        }
        return null;
    }

    /** A batch: its files' contents in {@code array}, file {@code i} from {@code offsets[i]} to the next offset. */
    private record Batch(byte[] array, int[] offsets, Future<Void> future) {

        void await() throws SquashfsException {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SquashfsException cause) {
                    throw cause;
                }
                throw new SquashfsException("reading a file failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SquashfsException("interrupted while writing the image");
            }
        }
    }
}
