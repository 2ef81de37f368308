package dev.portajava.oci.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Computes the SHA-256 of what is read through it, and counts it. */
final class HashingInputStream extends FilterInputStream {

    private final MessageDigest sha256;
    private final long limit;
    private long count;

    HashingInputStream(InputStream in) {
        this(in, Long.MAX_VALUE);
    }

    /** A stream that fails once more than {@code limit} bytes come, as from a blob larger than its descriptor says. */
    HashingInputStream(InputStream in, long limit) {
        this(in, limit, true);
    }

    private HashingInputStream(InputStream in, long limit, boolean hashing) {
        super(in);
        this.limit = limit;
        this.sha256 = hashing ? Sha256.digest() : null;
    }

    /** A stream that only counts (and fails past {@code limit}): its content is checked elsewhere. */
    static HashingInputStream counting(InputStream in, long limit) {
        return new HashingInputStream(in, limit, false);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            if (sha256 != null) {
                sha256.update((byte) b);
            }
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            if (sha256 != null) {
                sha256.update(b, off, n);
            }
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new IOException("more than the " + limit + " bytes its descriptor gives");
        }
    }

    /** How many bytes were read. */
    long count() {
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads what is left, up to one byte more than {@code limit}: how much that was. */
    long skipToEnd(long limit) throws IOException {
        return skip(limit + 1);
    }

    /** The digest of everything read; once only, and not for a {@link #counting} stream. */
    Digest digest() {
        return Digest.of(sha256);
    }
}
