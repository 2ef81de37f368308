package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.EntryType;
import dev.portajava.squashfs.ImageWriteException;
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
        FileChannel out;
        try {
            out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ImageWriteException("cannot write " + image + ": " + reason(e), e);
        }
        try (out) {
            SquashfsWriter.WrittenImage written = assemble(tree, image, out, options);
            done = true;
            return written;
        } catch (WriteFailure e) {
            throw new ImageWriteException("cannot write " + image + ": " + reason(e.cause()), e.cause());
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
        try {
            out.force(false);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
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

    private static int write(FileChannel out, long position, byte[] bytes) throws WriteFailure {
        writeFully(out, ByteBuffer.wrap(bytes), position);
        return bytes.length;
    }

    /** Writes all of {@code buffer} to the image at {@code position}. */
    static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws WriteFailure {
        long at = position;
        try {
            while (buffer.hasRemaining()) {
                at += out.write(buffer, at);
            }
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
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

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "squashfs-compress");
            thread.setDaemon(true);
            return thread;
        };
    }
}
