package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The bytes of an image: a file read with positional reads (safe from several threads), or an array. */
public abstract class ImageSource implements AutoCloseable {

    private final String name;

    private ImageSource(String name) {
        this.name = name;
    }

    public static ImageSource of(FileChannel channel, String name) {
        return new ImageSource(name) {
            @Override
            public long size() {
                try {
                    return channel.size();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            void readInto(long position, byte[] into, int len) throws IOException, CorruptImageException {
                ByteBuffer buffer = ByteBuffer.wrap(into, 0, len);
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        throw new CorruptImageException(name + ": truncated at " + (position + buffer.position()));
                    }
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public static ImageSource of(byte[] bytes, String name) {
        return new ImageSource(name) {
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
        if (position < 0 || len < 0 || position > limit - len || position > size() - len) {
            throw new CorruptImageException(name + ": a read of " + len + " bytes at " + position
                    + " is out of bounds (" + Math.min(limit, size()) + ")");
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
