package dev.portajava.squashfs.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.squashfs.SquashfsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Packs files smaller than a block into fragment blocks, whole and in the order they come, as mksquashfs does.
 * Files whose content has a known SHA-256 are packed apart from the others: a fragment block of such files is
 * then the same from one image to the next, whatever files of the image are new, and is kept in the block store
 * (when there is one) under the digests and sizes of its files. Such a block is taken from the store when it is
 * there; otherwise its files are read, and it is compressed, only when it is queued. Both kinds are packed the
 * same way with or without a store, so the image does not depend on it. With a store, a block of the other files is
 * kept in it too, under the digest of its bytes (already read): it is not compressed again while it is the same.
 */
final class FragmentPacker {

    private final int blockSize;
    private final OrderedOutput output;
    private final BlockCompressor compressor;
    private final StoredBlocks store;
    private final BufferPool buffers;
    private byte[] plain;
    private final List<TreeInode.FileData> plainMembers = new ArrayList<>();
    private int plainFill;
    private final List<TreeInode> stored = new ArrayList<>();
    private int storedFill;
    private final DataProgress progress;

    FragmentPacker(int blockSize, OrderedOutput output, BlockCompressor compressor, StoredBlocks store,
            BufferPool buffers, DataProgress progress) {
        this.blockSize = blockSize;
        this.output = output;
        this.compressor = compressor;
        this.store = store;
        this.buffers = buffers;
        this.plain = buffers.take();
        this.progress = progress;
    }

    /** A file whose content is not known by digest: {@code bytes} is all of it. */
    void add(TreeInode file, ReadAhead.Content bytes) throws IOException, SquashfsException {
        if (plainFill + bytes.length() > blockSize) {
            flushPlain();
        }
        file.data.fragmentOffset = plainFill;
        plainMembers.add(file.data);
        System.arraycopy(bytes.array(), bytes.offset(), plain, plainFill, bytes.length());
        plainFill += bytes.length();
    }

    /** A file whose content is known by its digest: read only if its fragment block is not in the store. */
    void addStored(TreeInode file) throws IOException, SquashfsException {
        int size = (int) file.size();
        if (storedFill + size > blockSize) {
            flushStored();
        }
        file.data.fragmentOffset = storedFill;
        stored.add(file);
        storedFill += size;
    }

    /** Queues the blocks still open. */
    void finish() throws IOException, SquashfsException {
        if (plainFill > 0) {
            flushPlain();
        }
        if (storedFill > 0) {
            flushStored();
        }
    }

    private void flushPlain() throws IOException, SquashfsException {
        int index = output.newFragment();
        for (TreeInode.FileData data : plainMembers) {
            data.fragment = index;
            data.placed = true;
        }
        progress.signal();
        byte[] block = plain;
        int length = plainFill;
        if (store == null) {
            output.fragment(index, compressor.submit(block, length, false), null, length, block);
        } else {
            MessageDigest sha = Sha256.digest();
            sha.update(block, 0, length);
            String key = "block " + HexFormat.of().formatHex(sha.digest());
            output.fragment(index, compressor.submit(() -> plainBlock(block, length, key)), key, length, block);
        }
        plain = buffers.take();
        plainMembers.clear();
        plainFill = 0;
    }

    private void flushStored() throws IOException, SquashfsException {
        int index = output.newFragment();
        List<TreeInode> members = List.copyOf(stored);
        for (TreeInode file : members) {
            file.data.fragment = index;
            file.data.placed = true;
        }
        progress.signal();
        int length = storedFill;
        String key = store == null ? null : key(members);
        output.fragment(index, compressor.submit(() -> block(members, length, key)), key, length, null);
        stored.clear();
        storedFill = 0;
    }

    /** On a thread of the pool: a block of files read already, from the store under its digest or compressed. */
    private BlockCompressor.Block plainBlock(byte[] raw, int length, String key) throws SquashfsException {
        try (StoredBlocks.Entry entry = store.find(key, length, 1)) {
            BlockCompressor.Block block = entry == null ? null : entry.nextBlock();
            if (block != null && block.bytes() != null) {
                entry.finish();
                return new BlockCompressor.Block(block.bytes(), block.sizeWord(), true);
            }
        }
        return compressor.compress(raw, length, false);
    }

    /** On a thread of the pool: the block from the store, or its files read and compressed. */
    private BlockCompressor.Block block(List<TreeInode> members, int length, String key) throws SquashfsException {
        if (key != null) {
            try (StoredBlocks.Entry entry = store.find(key, length, 1)) {
                BlockCompressor.Block block = entry == null ? null : entry.nextBlock();
                if (block != null && block.bytes() != null) { // a fragment block is never a hole
                    entry.finish();
                    return new BlockCompressor.Block(block.bytes(), block.sizeWord(), true);
                }
            }
        }
        byte[] raw = buffers.take();
        int at = 0;
        for (TreeInode file : members) {
            byte[] bytes = FileContent.readAll(file);
            System.arraycopy(bytes, 0, raw, at, bytes.length);
            at += bytes.length;
        }
        BlockCompressor.Block block = compressor.compress(raw, length, false);
        if (block.bytes() != raw) {
            buffers.give(raw);
        }
        return block;
    }

    /** The store key of a block of these files: a digest of their digests and sizes, in order. */
    private static String key(List<TreeInode> members) {
        MessageDigest sha = Sha256.digest();
        for (TreeInode file : members) {
            sha.update((file.entry.content().sha256().orElseThrow() + " " + file.size() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return "fragment " + HexFormat.of().formatHex(sha.digest());
    }
}
