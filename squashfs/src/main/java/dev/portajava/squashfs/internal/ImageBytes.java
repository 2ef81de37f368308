package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.tree.HostFiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes of an image: a file read at positions (safe from several threads), or an array. Positions
 * are relative to where the file system starts, which need not be the start of the file (a disk image's root
 * partition starts further in).
 */
public abstract class ImageBytes implements AutoCloseable {

    private final String name;

    private ImageBytes(String name) {
        this.name = name;
    }

    /** The file system that starts {@code offset} bytes into {@code file}. */
    public static ImageBytes of(HostFiles.PositionalFile file, long offset, String name) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        return new ImageBytes(name) {
            @Override
            public long size() {
                try {
                    return Math.max(0, file.size() - offset);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            void readInto(long position, byte[] into, int len) throws IOException, CorruptImageException {
                int done = file.readFully(into, len, offset + position);
                if (done < len) {
                    throw new CorruptImageException(name + ": truncated at " + (position + done));
                }
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    public static ImageBytes of(byte[] bytes, String name) {
        return new ImageBytes(name) {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            void readInto(long position, byte[] into, int len) {
                System.arraycopy(bytes, (int) position, into, 0, len);
            }

            @Override
            public void close() {
            }
        };
    }

    public String name() {
        return name;
    }

    public abstract long size();

    abstract void readInto(long position, byte[] into, int len) throws IOException, CorruptImageException;

    /** {@code len} bytes at {@code position}, which must lie within {@code limit} and the image. */
    public byte[] read(long position, int len, long limit) throws CorruptImageException {
        long size;
        try {
            size = size();
        } catch (UncheckedIOException e) {
            throw new CorruptImageException(name + ": cannot read: " + e.getCause().getMessage(), e.getCause());
        }
        if (position < 0 || len < 0 || position > limit - len || position > size - len) {
            throw new CorruptImageException(name + ": a read of " + len + " bytes at " + position
                    + " is out of bounds (" + Math.min(limit, size) + ")");
        }
        byte[] bytes = new byte[len];
        try {
            readInto(position, bytes, len);
        } catch (IOException e) {
            throw new CorruptImageException(name + ": cannot read: " + e.getMessage(), e);
        }
        return bytes;
    }

    @Override
    public abstract void close() throws IOException;
}
