package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.ImageWriteException;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.ImagePlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Lays out an image as mksquashfs does: superblock, compressor options, data and fragment blocks, inode table,
 * directory table, fragment table, export table, id table, xattr table (when there are xattrs), then zeros up to a
 * multiple of 4 KiB (loop devices need it). The superblock is written last, when every table's position is known.
 */
public final class ImageAssembler {

    private static final int PAD = 4096;
    private static final int QUEUED_BYTES = 16 << 20;

    private ImageAssembler() {
    }

    public static SquashfsWriter.WrittenImage write(ImagePlan plan, Path image, SquashfsOptions options,
            SquashfsWriter.FileProgress progress) throws SquashfsException {
        boolean done = false;
        FileChannel out;
        try {
            out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ImageWriteException("cannot write " + image + ": " + reason(e), e);
        }
        try (out) {
            SquashfsWriter.WrittenImage written = assemble(plan,
                    new ImageOutput(out, 0, SquashfsWriter.WriteObserver.NONE), options, progress);
            done = true;
            return new SquashfsWriter.WrittenImage(image, written.inodes(), written.bytes(), written.fragments(),
                    written.blocksCompressed(), written.blocksReused());
        } catch (ImageOutput.WriteFailure e) {
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

    public static SquashfsWriter.WrittenImage write(ImagePlan plan, FileChannel out, long offset,
            SquashfsOptions options, SquashfsWriter.FileProgress progress, SquashfsWriter.WriteObserver observer)
            throws SquashfsException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        String name = "the image at byte " + offset;
        try {
            return assemble(plan, new ImageOutput(out, offset, observer), options, progress);
        } catch (ImageOutput.WriteFailure e) {
            throw new ImageWriteException("cannot write " + name + ": " + reason(e.cause()), e.cause());
        } catch (IOException e) {
            throw new SquashfsException("cannot write " + name + ": " + e, e);
        }
    }

    private static SquashfsWriter.WrittenImage assemble(ImagePlan plan, ImageOutput out, SquashfsOptions options,
            SquashfsWriter.FileProgress progress) throws IOException, SquashfsException {
        InodeTree tree = InodeTree.of(plan);
        Codec codec = Codec.create(options.compression(), options.level(), options.blockSize());
        ExecutorService compressors = Executors.newFixedThreadPool(options.threads(), daemonThreads("compress"));
        ExecutorService readers = Executors.newFixedThreadPool(Math.min(4, Math.max(2, options.threads())),
                daemonThreads("read"));
        ExecutorService tables = Executors.newSingleThreadExecutor(daemonThreads("tables"));
        StoredBlocks store = options.blockStore().map(s -> new StoredBlocks(s, options.compression(), options.level(),
                options.blockSize())).orElse(null);
        try {
            return assemble(tree, out, options, progress, codec, compressors, readers, tables, store);
        } finally {
            compressors.shutdownNow();
            readers.shutdownNow();
            stop(tables); // it compresses with codec
            if (store != null) {
                store.close();
            }
            codec.close();
        }
    }

    private static SquashfsWriter.WrittenImage assemble(InodeTree tree, ImageOutput out, SquashfsOptions options,
            SquashfsWriter.FileProgress progress, Codec codec, ExecutorService compressors, ExecutorService readers,
            ExecutorService tableWriter, StoredBlocks store) throws IOException, SquashfsException {
        int flags = Superblock.FLAG_DUPLICATES | Superblock.FLAG_EXPORTABLE;
        long position = Superblock.SIZE;
        byte[] compressorOptions = codec.options();
        if (compressorOptions != null) {
            flags |= Superblock.FLAG_COMPRESSOR_OPTIONS;
            LittleEndian block = new LittleEndian().u16(compressorOptions.length | 0x8000).bytes(compressorOptions);
            position += out.write(position, block.toByteArray());
        }
        int window = window(options);
        BufferPool buffers = new BufferPool(options.blockSize(), 2 * window + 2 * options.threads() + 4);
        BlockCompressor compressor = new BlockCompressor(compressors,
                () -> Codec.create(options.compression(), options.level(), options.blockSize()),
                Incompressible.pays(options.compression(), options.level()), buffers, options.blockSize());
        DataProgress placed = new DataProgress();
        OrderedOutput data = new OrderedOutput(out, position, options.blockSize(), window, store,
                buffers, placed);
        // the inode and directory tables are written, each inode once its file's data is placed, beside the data
        XattrTable xattrs = new XattrTable(codec);
        InodeTableWriter tables = new InodeTableWriter(codec, tree.inodeCount, xattrs, placed);
        Future<Long> root = tableWriter.submit(() -> tables.write(tree.root));
        new DataWriter(options.blockSize(), data, compressor, store, readers, buffers, placed).write(tree, progress);
        position = data.finish();
        List<long[]> fragments = data.fragments();
        long[] counts = data.blockCounts();

        long rootReference = await(root);
        long inodeTable = position;
        position += out.write(position, tables.inodeTable());
        long directoryTable = position;
        position += out.write(position, tables.directoryTable());

        long fragmentTable = position;
        if (!fragments.isEmpty()) {
            ByteBuffer entries = ByteBuffer.allocate(fragments.size() * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] f : fragments) {
                entries.putLong(f[0]).putInt((int) f[1]).putInt(0);
            }
            byte[] table = LookupTable.build(codec, entries.array(), position);
            fragmentTable = LookupTable.pointer(table, position, entries.capacity());
            position += out.write(position, table);
        }
        ByteBuffer exports = ByteBuffer.allocate(tables.exports().length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long reference : tables.exports()) {
            exports.putLong(reference);
        }
        byte[] exportBytes = LookupTable.build(codec, exports.array(), position);
        long exportTable = LookupTable.pointer(exportBytes, position, exports.capacity());
        position += out.write(position, exportBytes);

        List<Integer> ids = tables.ids();
        ByteBuffer idEntries = ByteBuffer.allocate(ids.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        ids.forEach(idEntries::putInt);
        byte[] idBytes = LookupTable.build(codec, idEntries.array(), position);
        long idTable = LookupTable.pointer(idBytes, position, idEntries.capacity());
        position += out.write(position, idBytes);

        long xattrTable = Superblock.NONE;
        if (xattrs.isEmpty()) {
            flags |= Superblock.FLAG_NO_XATTRS;
        } else {
            XattrTable.Layout layout = xattrs.finish(codec, position);
            xattrTable = layout.pointer();
            position += out.write(position, layout.bytes());
        }

        long bytesUsed = position;
        long padded = (bytesUsed + PAD - 1) / PAD * PAD;
        if (padded > bytesUsed) {
            out.write(bytesUsed, new byte[(int) (padded - bytesUsed)]);
        }
        long time = options.time().orElse(0);
        Superblock superblock = new Superblock(tree.inodeCount, time, options.blockSize(), fragments.size(),
                options.compression(), flags, ids.size(), rootReference, bytesUsed, idTable, xattrTable,
                inodeTable, directoryTable, fragmentTable, exportTable);
        out.write(0, superblock.toBytes());
        return new SquashfsWriter.WrittenImage(null, tree.inodeCount, padded, fragments.size(), counts[0], counts[1]);
    }

    /**
     * How many blocks may be queued and not yet written: enough to keep every compressing thread busy while the
     * thread that reads and writes waits for the CPU on a busy machine (up to {@link #QUEUED_BYTES} of raw blocks).
     */
    private static int window(SquashfsOptions options) {
        return Math.max(options.threads() * 4 + 2, QUEUED_BYTES / options.blockSize());
    }

    /** The root inode's reference, once the tables are written. */
    private static long await(Future<Long> root) throws SquashfsException {
        try {
            return root.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new SquashfsException("writing the inode table failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SquashfsException("interrupted while writing the image");
        }
    }

    /** Stops the pool and waits until its thread no longer runs. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ThreadFactory daemonThreads(String role) {
        return runnable -> {
            Thread thread = new Thread(runnable, "squashfs-" + role);
            thread.setDaemon(true);
            return thread;
        };
    }
}
