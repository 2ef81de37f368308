package dev.portajava.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A blob being written to the cache, read by another thread while it grows: the reader waits for the bytes the
 * writer has not written yet, and its stream ends only once the whole blob was written and its size and digest
 * checked. If the blob is refused or its download fails, the reader gets an {@link IOException} instead of the end:
 * what it read is never taken for a verified blob.
 */
final class GrowingBlob {

    private final Consumer<InputStream> follower;
    private long written;
    private boolean complete;
    private String failure;

    /** A blob whose reader is handed to {@code follower} once the blob's file exists. */
    GrowingBlob(Consumer<InputStream> follower) {
        this.follower = follower;
    }

    /** Hands the follower a reader of {@code part}, which the writer has just created and not yet written to. */
    void start(Path part) throws IOException {
        follower.accept(new Reader(FileChannel.open(part, StandardOpenOption.READ)));
    }

    synchronized void written(long total) {
        written = total;
        notifyAll();
    }

    synchronized void complete() {
        complete = true;
        notifyAll();
    }

    synchronized void fail(String reason) {
        if (!complete && failure == null) {
            failure = reason;
            notifyAll();
        }
    }

    /** How far a reader at {@code position} may read: blocks until there is more, the end, or a failure. */
    private synchronized long readable(long position) throws IOException {
        while (true) {
            if (failure != null) {
                throw new IOException(failure);
            }
            if (written > position || complete) {
                return written - position;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the blob arrives");
            }
        }
    }

    private final class Reader extends InputStream {
        private final FileChannel channel;
        private long position;

        Reader(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long ready = readable(position);
            if (ready == 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, ready)), position);
            if (n < 0) {
                throw new IOException("the blob being written ends before the " + ready + " bytes written");
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
