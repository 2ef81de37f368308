package dev.portajava.squashfs.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.tree.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

/**
 * Reads the bytes of a file of the plan from its {@link Content}, exactly as many as the plan says: a file that
 * shrank or grew since the plan was made fails the image rather than give it a file the plan did not describe.
 * Files on the host are read through a channel, never through a symlink in their last name.
 */
final class FileContent implements AutoCloseable {

    private final TreeInode file;
    private final long size;
    private final FileChannel channel;
    private final InputStream stream;
    private long read;

    private FileContent(TreeInode file, FileChannel channel, InputStream stream) {
        this.file = file;
        this.size = file.size();
        this.channel = channel;
        this.stream = stream;
    }

    static FileContent open(TreeInode file) throws SquashfsException {
        Content content = file.entry.content();
        try {
            Path path = hostPath(content);
            if (path != null) {
                return new FileContent(file, FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                        null);
            }
            return new FileContent(file, null, content.open());
        } catch (IOException e) {
            throw new SquashfsException("cannot read " + name(file) + ": " + e.getMessage(), e);
        }
    }

    /** The whole content of a file, which must be smaller than 2 GiB. */
    static byte[] readAll(TreeInode file) throws SquashfsException {
        try (FileContent in = open(file)) {
            byte[] bytes = new byte[(int) file.size()];
            in.read(bytes, bytes.length);
            in.checkEnd();
            return bytes;
        }
    }

    /** The CRC32C of the whole content. */
    static long crc(TreeInode file, int chunk) throws SquashfsException {
        CRC32C crc = new CRC32C();
        try (FileContent in = open(file)) {
            byte[] buffer = new byte[chunk];
            for (long left = file.size(); left > 0; ) {
                int n = (int) Math.min(chunk, left);
                in.read(buffer, n);
                crc.update(buffer, 0, n);
                left -= n;
            }
            in.checkEnd();
        }
        return crc.getValue();
    }

    /** The SHA-256 of the whole content, as 64 lower-case hex digits. */
    static String sha256(TreeInode file, int chunk) throws SquashfsException {
        MessageDigest sha = Sha256.digest();
        try (FileContent in = open(file)) {
            byte[] buffer = new byte[chunk];
            for (long left = file.size(); left > 0; ) {
                int n = (int) Math.min(chunk, left);
                in.read(buffer, n);
                sha.update(buffer, 0, n);
                left -= n;
            }
            in.checkEnd();
        }
        return Sha256.hex(sha);
    }


    /** Whether two files of the same size have the same bytes. */
    static boolean same(TreeInode a, TreeInode b, int chunk) throws SquashfsException {
        try (FileContent x = open(a); FileContent y = open(b)) {
            byte[] bx = new byte[chunk];
            byte[] by = new byte[chunk];
            for (long left = a.size(); left > 0; ) {
                int n = (int) Math.min(chunk, left);
                x.read(bx, n);
                y.read(by, n);
                if (!java.util.Arrays.equals(bx, 0, n, by, 0, n)) {
                    return false;
                }
                left -= n;
            }
            return true;
        }
    }

    /** Fills {@code bytes[0, length)} with the next bytes of the file. */
    void read(byte[] bytes, int length) throws SquashfsException {
        int done = fill(bytes, 0, length, false);
        if (done < length) {
            throw shrank(read + done);
        }
        read += length;
    }

    /**
     * Fills {@code bytes[offset, offset + size)} with the whole file and checks that it ends there, using the byte
     * after as room for one more. A file on the host is asked for that one byte more: a regular file that gives
     * fewer bytes than asked is at its end, so one system call usually reads a small file and finds its end.
     */
    void readWhole(byte[] bytes, int offset) throws SquashfsException {
        int done = fill(bytes, offset, (int) size + 1, channel != null);
        if (done > size) {
            throw grew();
        } else if (done < size) {
            throw shrank(done);
        }
        read = size;
    }

    /** Reads up to {@code length} bytes, until the file ends or, with {@code shortIsEnd}, a read gives fewer. */
    private int fill(byte[] bytes, int offset, int length, boolean shortIsEnd) throws SquashfsException {
        try {
            int done = 0;
            while (done < length) {
                int asked = length - done;
                int n = channel != null ? channel.read(ByteBuffer.wrap(bytes, offset + done, asked))
                        : stream.read(bytes, offset + done, asked);
                if (n < 0) {
                    break;
                }
                done += n;
                if (shortIsEnd && n < asked) {
                    break;
                }
            }
            return done;
        } catch (IOException e) {
            throw new SquashfsException("cannot read " + name(file) + ": " + e.getMessage(), e);
        }
    }

    private SquashfsException shrank(long found) {
        return new SquashfsException(name(file) + ": the file shrank while the image was written (" + size
                + " bytes planned, " + found + " found)");
    }

    private SquashfsException grew() {
        return new SquashfsException(name(file) + ": the file grew while the image was written (" + size
                + " bytes planned)");
    }

    /** Checks that the file has no more bytes than the plan says. */
    void checkEnd() throws SquashfsException {
        try {
            int more = channel != null ? channel.read(ByteBuffer.allocate(1)) : stream.read();
            if (more >= 0) {
                throw grew();
            }
        } catch (IOException e) {
            throw new SquashfsException("cannot read " + name(file) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            } else {
                stream.close();
            }
        } catch (IOException e) {
            // only read from: nothing was lost
        }
    }

    private static Path hostPath(Content content) {
        if (content instanceof Content.HostFile host) {
            return host.path();
        }
        return content instanceof Content.StoredFile stored ? stored.path() : null;
    }

    /** How messages name a file: its path on the host when it has one, else its path in the image. */
    static String name(TreeInode file) {
        Path host = hostPath(file.entry.content());
        return host != null ? host.toString() : file.entry.path().toString();
    }
}
