package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads metadata blocks (8 KiB of inodes, directory entries or table entries behind a two-byte header), keeping
 * the most recently used ones decompressed.
 */
final class MetadataReader {

    private static final int CACHED = 64;

    private final ImageBytes source;
    private final Codec codec;
    private final Map<Long, Block> cache = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > CACHED;
        }
    };

    MetadataReader(ImageBytes source, Codec codec) {
        this.source = source;
        this.codec = codec;
    }

    /** A decompressed block and where the next one starts. */
    record Block(byte[] data, long next) {
    }

    synchronized Block block(long position, long limit) throws CorruptImageException {
        Block cached = cache.get(position);
        if (cached != null) {
            return cached;
        }
        byte[] header = source.read(position, 2, limit);
        int word = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        int size = word & 0x7FFF;
        if (size == 0 || size > MetadataWriter.BLOCK) {
            throw new CorruptImageException(source.name() + ": a metadata block at " + position + " has size " + size);
        }
        byte[] stored = source.read(position + 2, size, limit);
        byte[] data;
        if ((word & 0x8000) != 0) {
            data = stored;
        } else {
            byte[] out = new byte[MetadataWriter.BLOCK];
            int n;
            try {
                n = codec.decompress(stored, 0, size, out, out.length);
            } catch (CorruptImageException e) {
                throw new CorruptImageException(source.name() + ": the metadata block at " + position + ": "
                        + e.getMessage());
            }
            if (n == 0) {
                throw new CorruptImageException(source.name() + ": an empty metadata block at " + position);
            }
            data = java.util.Arrays.copyOf(out, n);
        }
        Block block = new Block(data, position + 2 + size);
        cache.put(position, block);
        return block;
    }

    /** A cursor at {@code offset} in the block at {@code position}; reads may not pass {@code limit}. */
    Cursor cursor(long position, int offset, long limit) {
        return new Cursor(position, offset, limit);
    }

    /** Reads consecutive bytes of a metadata table, moving on to the next block as each ends. */
    final class Cursor {
        private long position;
        private int offset;
        private final long limit;
        /** The block at {@code position}, once read: fields are read a few bytes at a time. */
        private Block block;

        private Cursor(long position, int offset, long limit) {
            this.position = position;
            this.offset = offset;
            this.limit = limit;
        }

        /** The block the next byte is in. */
        private Block current() throws CorruptImageException {
            while (true) {
                if (block == null) {
                    block = block(position, limit);
                }
                if (offset < block.data.length) {
                    return block;
                }
                if (offset > block.data.length) {
                    throw new CorruptImageException(source.name() + ": offset " + offset
                            + " is past the end of the metadata block at " + position);
                }
                position = block.next;
                offset = 0;
                block = null;
            }
        }

        byte[] bytes(int len) throws CorruptImageException {
            byte[] out = new byte[len];
            int done = 0;
            while (done < len) {
                byte[] data = current().data;
                int n = Math.min(len - done, data.length - offset);
                System.arraycopy(data, offset, out, done, n);
                done += n;
                offset += n;
            }
            return out;
        }

        private int u8() throws CorruptImageException {
            return current().data[offset++] & 0xFF;
        }

        long position() {
            return position;
        }

        int offset() {
            return offset;
        }

        int u16() throws CorruptImageException {
            return u8() | u8() << 8;
        }

        long u32() throws CorruptImageException {
            return u16() | (long) u16() << 16;
        }

        long u64() throws CorruptImageException {
            return u32() | u32() << 32;
        }
    }
}
