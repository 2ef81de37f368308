package dev.portajava.squashfs;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How {@link SquashfsWriter} writes an image.
 *
 * @param compression the compressor of data and metadata
 * @param level its level, within {@link Compression#minLevel()} and {@link Compression#maxLevel()}
 * @param blockSize the data block size: a power of two from 4 KiB to 1 MiB
 * @param owner when writing a directory tree of the host: when present, the uid and gid every entry gets (as
 *     {@code mksquashfs -all-root} does with 0); when empty, each entry keeps its owner in the tree
 * @param time the file system's own time ({@code -mkfs-time}; 0 when empty) and, when writing a directory tree of
 *     the host, the time every entry gets ({@code -all-time}); when empty, entries keep their modification time
 * @param specialFiles when writing a directory tree of the host, whether device nodes, sockets and FIFOs are
 *     stored; when false they are refused (a plan's entries are always written)
 * @param hostXattrs when writing a directory tree of the host, whether the extended attributes of its entries are
 *     stored (those of the user namespace: the only ones Java reads); when false none are, as
 *     {@code mksquashfs -no-xattrs}
 * @param threads how many threads compress data blocks
 * @param blockStore where the compressed data blocks and fragment blocks of files are kept between builds: of
 *     files whose content has a known SHA-256 ({@link dev.portajava.tree.Content#sha256()}) without reading them,
 *     of the others under the digest of their bytes
 */
public record SquashfsOptions(Compression compression, int level, int blockSize, OptionalInt owner, OptionalLong time,
        boolean specialFiles, boolean hostXattrs, int threads, Optional<BlockStore> blockStore) {

    public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
    public static final int MIN_BLOCK_SIZE = 4096;
    public static final int MAX_BLOCK_SIZE = 1024 * 1024;

    public SquashfsOptions {
        if (compression == null) {
            throw new IllegalArgumentException("no compression given");
        }
        if (level < compression.minLevel() || level > compression.maxLevel()) {
            throw new IllegalArgumentException("compression level " + level + " is out of range for "
                    + compression.label() + " (" + compression.minLevel() + " to " + compression.maxLevel() + ")");
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize
                    + " is not a power of two from 4096 (4K) to 1048576 (1M)");
        }
        if (owner == null || owner.isPresent() && owner.getAsInt() < 0) {
            throw new IllegalArgumentException("the owner must be a uid of 0 or more");
        }
        if (time == null || time.isPresent() && (time.getAsLong() < 0 || time.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("the time must be from 0 to 4294967295 (squashfs stores 32 bits)");
        }
        blockStore = blockStore == null ? Optional.empty() : blockStore;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more: " + threads);
        }
    }

    /**
     * gzip at level 9, 128 KiB blocks, owners and times from the tree, special files refused, no host xattrs, all
     * cores, no block store.
     */
    public static SquashfsOptions defaults() {
        return new SquashfsOptions(Compression.GZIP, Compression.GZIP.defaultLevel(), DEFAULT_BLOCK_SIZE,
                OptionalInt.empty(), OptionalLong.empty(), false, false, Runtime.getRuntime().availableProcessors(),
                Optional.empty());
    }

    /** This compressor at its default level. */
    public SquashfsOptions withCompression(Compression compression) {
        return new SquashfsOptions(compression, compression.defaultLevel(), blockSize, owner, time, specialFiles,
                hostXattrs, threads, blockStore);
    }

    public SquashfsOptions withLevel(int level) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                blockStore);
    }

    public SquashfsOptions withBlockSize(int blockSize) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                blockStore);
    }

    /** Every entry of a host tree owned by this uid and the same gid. */
    public SquashfsOptions withOwner(int id) {
        return new SquashfsOptions(compression, level, blockSize, OptionalInt.of(id), time, specialFiles, hostXattrs,
                threads, blockStore);
    }

    /** The file system, and every entry of a host tree, get this time (seconds since 1970). */
    public SquashfsOptions withTime(long seconds) {
        return new SquashfsOptions(compression, level, blockSize, owner, OptionalLong.of(seconds), specialFiles,
                hostXattrs, threads, blockStore);
    }

    public SquashfsOptions withSpecialFiles(boolean specialFiles) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                blockStore);
    }

    /** Whether the user xattrs of a host tree's entries are stored. */
    public SquashfsOptions withHostXattrs(boolean hostXattrs) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                blockStore);
    }

    public SquashfsOptions withThreads(int threads) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                blockStore);
    }

    /** Files whose content has a known SHA-256 take their blocks from this store, and leave them there. */
    public SquashfsOptions withBlockStore(BlockStore blockStore) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, hostXattrs, threads,
                Optional.ofNullable(blockStore));
    }
}
