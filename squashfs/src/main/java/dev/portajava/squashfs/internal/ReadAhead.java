package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads the contents of small files ahead of the writer, in batches on a pool of threads, and hands them over in
 * the order of the list: the writer takes each with {@link #next}. At most {@link #MAX_BYTES} are read and not yet
 * taken, so memory stays bounded whatever the tree's size.
 */
final class ReadAhead {

    private static final int MAX_BYTES = 8 << 20;
    private static final int BATCH_FILES = 64;
    private static final int BATCH_BYTES = 512 << 10;

    private final List<TreeInode> files;
    private final ExecutorService readers;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private int listed;
    private long inFlight;
    private byte[][] current = new byte[0][];
    private int taken;

    ReadAhead(List<TreeInode> files, ExecutorService readers) {
        this.files = files;
        this.readers = readers;
    }

    /** The content of the next file of the list, which must be {@code file}. */
    byte[] next(TreeInode file) throws SquashfsException {
        if (taken == current.length) {
            fill();
            Batch batch = batches.poll();
            current = batch.get();
            inFlight -= batch.bytes;
            taken = 0;
        }
        byte[] bytes = current[taken];
        current[taken++] = null;
        if (bytes.length != file.size()) {
            throw new IllegalStateException("read ahead out of order at " + file.entry.path());
        }
        return bytes;
    }

    private void fill() {
        while (listed < files.size() && (batches.isEmpty() || inFlight < MAX_BYTES)) {
            int from = listed;
            long bytes = 0;
            while (listed < files.size() && listed - from < BATCH_FILES && bytes < BATCH_BYTES) {
                bytes += files.get(listed++).size();
            }
            List<TreeInode> batch = files.subList(from, listed);
            batches.add(new Batch(readers.submit(() -> read(batch)), bytes));
            inFlight += bytes;
        }
    }

    private static byte[][] read(List<TreeInode> batch) throws SquashfsException {
        byte[][] contents = new byte[batch.size()][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = FileContent.readAll(batch.get(i));
        }
        return contents;
    }

    private record Batch(Future<byte[][]> future, long bytes) {
        byte[][] get() throws SquashfsException {
            try {
                return future.get();
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
