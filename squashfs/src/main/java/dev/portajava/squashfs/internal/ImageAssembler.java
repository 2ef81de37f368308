package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.EntryType;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Lays out an image as mksquashfs does: superblock, compressor options, data and fragment blocks, inode table,
 * directory table, fragment table, export table, id table, then zeros up to a multiple of 4 KiB (loop devices
 * need it). The superblock is written last, when every table's position is known.
 */
public final class ImageAssembler {

    private static final int PAD = 4096;

    private ImageAssembler() {
    }

    public static SquashfsWriter.WrittenImage write(Path tree, Path image, SquashfsOptions options)
            throws SquashfsException {
        boolean done = false;
        try (FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SquashfsWriter.WrittenImage written = assemble(tree, image, out, options);
            done = true;
            return written;
        } catch (IOException e) {
            throw new SquashfsException("cannot write " + image + ": " + e, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(image);
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    private static SquashfsWriter.WrittenImage assemble(Path tree, Path image, FileChannel out,
            SquashfsOptions options) throws IOException, SquashfsException {
        Codec codec = Codec.create(options.compression(), options.level(), options.blockSize());
        try {
            return assemble(tree, image, out, options, codec);
        } finally {
            codec.close();
        }
    }

    private static SquashfsWriter.WrittenImage assemble(Path tree, Path image, FileChannel out,
            SquashfsOptions options, Codec codec) throws IOException, SquashfsException {
        TreeScanner scanner = new TreeScanner(options);
        TreeInode root = scanner.scan(tree);
        int flags = Superblock.FLAG_DUPLICATES | Superblock.FLAG_EXPORTABLE | Superblock.FLAG_NO_XATTRS;
        long position = Superblock.SIZE;
        byte[] compressorOptions = codec.options();
        if (compressorOptions != null) {
            flags |= Superblock.FLAG_COMPRESSOR_OPTIONS;
            LittleEndian block = new LittleEndian().u16(compressorOptions.length | 0x8000).bytes(compressorOptions);
            position += write(out, position, block.toByteArray());
        }
        List<long[]> fragments;
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
        try (DataWriter.BlockCompressor compressor = new DataWriter.BlockCompressor(pool,
                () -> Codec.create(options.compression(), options.level(), options.blockSize()));
                StoredBlocks store = options.blockStore().map(s -> new StoredBlocks(s, options.compression(),
                        options.level(), options.blockSize())).orElse(null)) {
            DataWriter data = new DataWriter(out, position, options.blockSize(), compressor, options.threads(), store);
            writeData(root, data, scanner);
            position = data.finish();
            fragments = data.fragments();
        }
        InodeTableWriter tables = new InodeTableWriter(codec, scanner.inodeCount());
        long rootReference = tables.write(root);
        long inodeTable = position;
        position += write(out, position, tables.inodeTable());
        long directoryTable = position;
        position += write(out, position, tables.directoryTable());

        long fragmentTable = position;
        if (!fragments.isEmpty()) {
            ByteBuffer entries = ByteBuffer.allocate(fragments.size() * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] f : fragments) {
                entries.putLong(f[0]).putInt((int) f[1]).putInt(0);
            }
            byte[] table = LookupTable.build(codec, entries.array(), position);
            fragmentTable = LookupTable.pointer(table, position, entries.capacity());
            position += write(out, position, table);
        }
        ByteBuffer exports = ByteBuffer.allocate(tables.exports().length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long reference : tables.exports()) {
            exports.putLong(reference);
        }
        byte[] exportBytes = LookupTable.build(codec, exports.array(), position);
        long exportTable = LookupTable.pointer(exportBytes, position, exports.capacity());
        position += write(out, position, exportBytes);

        List<Integer> ids = tables.ids();
        ByteBuffer idEntries = ByteBuffer.allocate(ids.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        ids.forEach(idEntries::putInt);
        byte[] idBytes = LookupTable.build(codec, idEntries.array(), position);
        long idTable = LookupTable.pointer(idBytes, position, idEntries.capacity());
        position += write(out, position, idBytes);

        long bytesUsed = position;
        long padded = (bytesUsed + PAD - 1) / PAD * PAD;
        if (padded > bytesUsed) {
            write(out, bytesUsed, new byte[(int) (padded - bytesUsed)]);
        }
        long time = options.time().orElse(0);
        Superblock superblock = new Superblock(scanner.inodeCount(), time, options.blockSize(), fragments.size(),
                options.compression(), flags, ids.size(), rootReference, bytesUsed, idTable, Superblock.NONE,
                inodeTable, directoryTable, fragmentTable, exportTable);
        write(out, 0, superblock.toBytes());
        out.force(false);
        return new SquashfsWriter.WrittenImage(image, scanner.inodeCount(), padded, fragments.size());
    }

    /** File data in the order of a depth-first walk over sorted names, as mksquashfs reads the tree. */
    private static void writeData(TreeInode dir, DataWriter data, TreeScanner scanner)
            throws IOException, SquashfsException {
        for (TreeInode.TreeEntry e : dir.entries) {
            TreeInode child = e.inode();
            if (child.type == EntryType.FILE) {
                data.write(child, child.size > 0 && scanner.filesOfSize(child.size) > 1);
            } else if (child.type == EntryType.DIRECTORY) {
                writeData(child, data, scanner);
            }
        }
    }

    private static int write(FileChannel out, long position, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
        return bytes.length;
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "squashfs-compress");
            thread.setDaemon(true);
            return thread;
        };
    }
}
