package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where an image's bytes go: positional writes relative to where the file system starts in the channel, each shown
 * to the observer once it is written, on the writing thread, in the order of the writes.
 */
final class ImageOutput {

    private final FileChannel channel;
    private final long base;
    private final SquashfsWriter.WriteObserver observer;

    ImageOutput(FileChannel channel, long base, SquashfsWriter.WriteObserver observer) {
        this.channel = channel;
        this.base = base;
        this.observer = observer;
    }

    /** Writes {@code bytes} at {@code position} of the image; returns their length. */
    int write(long position, byte[] bytes) throws WriteFailure {
        return write(position, bytes, bytes.length);
    }

    /** Writes the first {@code length} bytes of {@code bytes} at {@code position} of the image. */
    int write(long position, byte[] bytes, int length) throws WriteFailure {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        long at = base + position;
        try {
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
        observer.written(position, ByteBuffer.wrap(bytes, 0, length).asReadOnlyBuffer());
        return length;
    }

    /** A write to the image failed, as opposed to a read of the tree. */
    static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause);
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }
}
