package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file's contents: its blocks in order (a size word of 0 is a sparse block of zeros), then its tail from a
 * fragment. A damaged block ends the stream with an {@link IOException} whose cause is a
 * {@link CorruptImageException}.
 */
final class FileDataStream extends InputStream {

    private final ImageReader reader;
    private final Inode file;
    private final int blockSize;
    private final long blocks;
    private final MetadataReader.Cursor sizes;
    private final byte[] scratch;
    private long block;
    private long position;
    private long remaining;
    private byte[] buffer = new byte[0];
    private int bufferPosition;

    FileDataStream(ImageReader reader, Inode file) throws CorruptImageException {
        this.reader = reader;
        this.file = file;
        this.blockSize = reader.superblock().blockSize();
        this.blocks = blockCount(reader, file);
        this.sizes = reader.blockListCursor(file);
        this.scratch = new byte[blockSize];
        this.position = file.start();
        this.remaining = file.size();
    }

    /**
     * How many entries a file's block list has: one per whole block, and one for the tail unless a fragment holds
     * it. A count its inode or block list could not describe is an error.
     */
    static long blockCount(ImageReader reader, Inode file) throws CorruptImageException {
        int blockSize = reader.superblock().blockSize();
        long blocks = file.hasFragment() ? file.size() / blockSize : (file.size() + blockSize - 1) / blockSize;
        long tail = file.size() - blocks * blockSize;
        if (file.hasFragment() && (tail <= 0 || tail >= blockSize)) {
            throw reader.corrupt("file inode " + file.number() + " of " + file.size() + " bytes has a bad fragment");
        }
        Superblock s = reader.superblock();
        long inodeTable = s.directoryTableStart() - s.inodeTableStart();
        if (blocks > (inodeTable / 3 + 1) * (MetadataWriter.BLOCK / 4)) {
            throw reader.corrupt("file inode " + file.number() + " claims " + file.size()
                    + " bytes, more than its block list can describe");
        }
        return blocks;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (bufferPosition == buffer.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - bufferPosition);
        System.arraycopy(buffer, bufferPosition, b, off, n);
        bufferPosition += n;
        return n;
    }

    private boolean fill() throws IOException {
        if (remaining == 0) {
            return false;
        }
        try {
            int expected = (int) Math.min(blockSize, remaining);
            if (block < blocks) {
                long sizeWord = sizes.u32();
                if (buffer.length != expected) {
                    buffer = new byte[expected];
                }
                if (sizeWord == 0) {
                    java.util.Arrays.fill(buffer, (byte) 0);
                } else {
                    reader.readBlock(position, sizeWord, scratch, expected);
                    System.arraycopy(scratch, 0, buffer, 0, expected);
                    position += sizeWord & 0x00FF_FFFF;
                }
                block++;
            } else {
                buffer = reader.fragment(file.fragment(), file.fragmentOffset(), expected);
            }
            bufferPosition = 0;
            remaining -= expected;
            return true;
        } catch (CorruptImageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
