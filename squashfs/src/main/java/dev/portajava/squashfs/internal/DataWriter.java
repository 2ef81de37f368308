package dev.portajava.squashfs.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Writes the data of the files in the order mksquashfs reads a tree (depth first, names sorted): a file as large as
 * a block or larger as blocks (the last one short, blocks of zeros as holes), a smaller one whole into a fragment
 * block. A file whose bytes an earlier one holds shares its data. Blocks are compressed on a pool of threads and
 * written in order ({@link OrderedOutput}); small files are read ahead on another pool ({@link ReadAhead}). Files
 * whose content has a known SHA-256 are not read to find duplicates, and with a block store their blocks come from
 * it when it has them, without reading or compressing the file; when it does not, they go to it as they are written.
 * With a block store, the other files of a block or more are hashed (read once, not compressed) and served the same
 * way under their digest.
 */
final class DataWriter {

    private static final int HASH_CHUNK = 1 << 16;

    private final int blockSize;
    private final OrderedOutput output;
    private final BlockCompressor compressor;
    private final StoredBlocks store;
    private final ExecutorService readers;
    private final BufferPool buffers;
    private final FragmentPacker fragments;
    private final DataProgress progress;

    DataWriter(int blockSize, OrderedOutput output, BlockCompressor compressor, StoredBlocks store,
            ExecutorService readers, BufferPool buffers, DataProgress progress) {
        this.blockSize = blockSize;
        this.output = output;
        this.compressor = compressor;
        this.store = store;
        this.readers = readers;
        this.buffers = buffers;
        this.fragments = new FragmentPacker(blockSize, output, compressor, store, buffers, progress);
        this.progress = progress;
    }

    /**
     * Writes the data of every file of the tree, then the fragment blocks still open; tells {@code reported} of
     * each file once it is written.
     */
    void write(InodeTree tree, SquashfsWriter.FileProgress reported) throws IOException, SquashfsException {
        List<TreeInode> files = new ArrayList<>();
        List<TreeInode> readAhead = new ArrayList<>();
        collect(tree.root, files, readAhead);
        ReadAhead contents = new ReadAhead(readAhead, readers, blockSize);
        Duplicates duplicates = new Duplicates(tree.sizes);
        for (TreeInode file : files) {
            write(file, contents, duplicates);
            file.planned = true;
            progress.signal();
            reported.written(file.size());
        }
        fragments.finish();
    }

    /** The files in data order, each inode once; and those of them whose content is read ahead. */
    private void collect(TreeInode dir, List<TreeInode> files, List<TreeInode> readAhead) {
        for (TreeInode.TreeEntry e : dir.entries) {
            TreeInode child = e.inode();
            if (child.type == dev.portajava.tree.EntryType.DIRECTORY) {
                collect(child, files, readAhead);
            } else if (child.type == dev.portajava.tree.EntryType.FILE && child.data == null) {
                child.data = new TreeInode.FileData(); // marks the inode seen; its other names come later
                files.add(child);
                if (isSmall(child) && child.entry.content().sha256().isEmpty()) {
                    readAhead.add(child);
                }
            }
        }
    }

    private boolean isSmall(TreeInode file) {
        return file.size() > 0 && file.size() < blockSize;
    }

    private void write(TreeInode file, ReadAhead contents, Duplicates duplicates)
            throws IOException, SquashfsException {
        if (file.size() == 0) {
            file.data.placed = true;
            return;
        }
        boolean known = file.entry.content().sha256().isPresent();
        ReadAhead.Content bytes = isSmall(file) && !known ? contents.next(file) : null;
        if (duplicates.mayHaveOne(file)) {
            TreeInode.FileData same = duplicates.find(file, bytes, file.data);
            if (same != null) {
                file.data = same;
                return;
            }
        }
        if (bytes != null) {
            fragments.add(file, bytes);
        } else if (isSmall(file)) {
            fragments.addStored(file);
        } else {
            writeBlocks(file, known ? file.entry.content().sha256().get() : null);
        }
    }

    /**
     * A file of a block or more: its blocks from the store, or read and compressed (and given to the store). With a
     * store, a file whose digest the plan does not give is hashed first; when it is then read for compressing, its
     * bytes are hashed again and must match before its last block goes to the store, so an entry never holds other
     * bytes than its digest names.
     */
    private void writeBlocks(TreeInode file, String digest) throws IOException, SquashfsException {
        String key = digest;
        if (store != null && key == null) {
            key = FileContent.sha256(file, HASH_CHUNK);
        }
        long count = (file.size() + blockSize - 1) / blockSize;
        if (count > Integer.MAX_VALUE) {
            throw new SquashfsException(FileContent.name(file) + ": too large for squashfs");
        }
        int blocks = (int) count;
        file.data.sizes = new int[blocks];
        StoredBlocks.Sink sink = null;
        if (store != null && key != null) {
            try (StoredBlocks.Entry entry = store.find(key, file.size(), blocks)) {
                if (entry != null) {
                    output.start(file.data);
                    for (int i = 0; i < blocks; i++) {
                        output.block(file.data, i, CompletableFuture.completedFuture(entry.nextBlock()), null, null);
                    }
                    entry.finish();
                    return;
                }
            }
            sink = store.create(key, file.size(), blocks);
        }
        output.start(file.data);
        MessageDigest check = sink != null && digest == null ? Sha256.digest() : null;
        try (FileContent in = FileContent.open(file)) {
            for (int i = 0; i < blocks; i++) {
                int length = (int) Math.min(blockSize, file.size() - (long) i * blockSize);
                byte[] block = buffers.take();
                in.read(block, length);
                if (check != null) {
                    check.update(block, 0, length);
                    if (i == blocks - 1 && !Sha256.hex(check).equals(key)) {
                        throw new SquashfsException(FileContent.name(file) + ": the file changed while the image was"
                                + " written");
                    }
                }
                output.block(file.data, i, compressor.submit(block, length, true), sink, block);
            }
            in.checkEnd();
        }
    }
}
