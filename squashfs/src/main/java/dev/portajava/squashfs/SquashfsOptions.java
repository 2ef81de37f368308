package dev.portajava.squashfs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How {@link SquashfsWriter} writes an image.
 *
 * @param compression the compressor of data and metadata
 * @param level its level, within {@link Compression#minLevel()} and {@link Compression#maxLevel()}
 * @param blockSize the data block size: a power of two from 4 KiB to 1 MiB
 * @param owner when present, the uid and gid every entry gets (as {@code mksquashfs -all-root} does with 0);
 *     when empty, each entry keeps its owner in the tree
 * @param time when present, the time every entry and the file system itself get ({@code -all-time},
 *     {@code -mkfs-time}); when empty, entries keep their modification time and the file system gets 0
 * @param specialFiles whether device nodes, sockets and FIFOs are stored; when false they are refused
 * @param threads how many threads compress data blocks
 * @param owners owners of single entries, by their path relative to the tree's root ({@code usr/bin/ping});
 *     they win over {@code owner} and the tree
 * @param contentKeys the SHA-256 of regular files' contents, as 64 hex digits, by their path relative to the tree's
 *     root as in {@code owners}: a file with a key takes its data blocks from the {@code blockStore} when it holds
 *     them, and is not read to find duplicates. The writer trusts the key: a file whose key is not its content's
 *     SHA-256 may be written with the content of another
 * @param blockStore where compressed data blocks of the files with a content key are kept between builds
 */
public record SquashfsOptions(Compression compression, int level, int blockSize, OptionalInt owner, OptionalLong time,
        boolean specialFiles, int threads, Map<String, Owner> owners, Map<String, String> contentKeys,
        Optional<BlockStore> blockStore) {

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
        owners = owners == null ? Map.of() : Map.copyOf(owners);
        contentKeys = contentKeys == null ? Map.of() : sha256Keys(contentKeys);
        blockStore = blockStore == null ? Optional.empty() : blockStore;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more: " + threads);
        }
    }

    /** gzip at level 9, 128 KiB blocks, owners and times from the tree, special files refused, all cores. */
    public static SquashfsOptions defaults() {
        return new SquashfsOptions(Compression.GZIP, Compression.GZIP.defaultLevel(), DEFAULT_BLOCK_SIZE,
                OptionalInt.empty(), OptionalLong.empty(), false, Runtime.getRuntime().availableProcessors(), Map.of(),
                Map.of(), Optional.empty());
    }

    /** This compressor at its default level. */
    public SquashfsOptions withCompression(Compression compression) {
        return new SquashfsOptions(compression, compression.defaultLevel(), blockSize, owner, time, specialFiles,
                threads, owners, contentKeys, blockStore);
    }

    public SquashfsOptions withLevel(int level) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    public SquashfsOptions withBlockSize(int blockSize) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    /** Every entry owned by this uid and the same gid. */
    public SquashfsOptions withOwner(int id) {
        return new SquashfsOptions(compression, level, blockSize, OptionalInt.of(id), time, specialFiles, threads,
                owners, contentKeys, blockStore);
    }

    /** Every entry, and the file system, get this time (seconds since 1970). */
    public SquashfsOptions withTime(long seconds) {
        return new SquashfsOptions(compression, level, blockSize, owner, OptionalLong.of(seconds), specialFiles,
                threads, owners, contentKeys, blockStore);
    }

    public SquashfsOptions withSpecialFiles(boolean specialFiles) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    /** These entries get these owners; see {@link #owners()}. */
    public SquashfsOptions withOwners(Map<String, Owner> owners) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    public SquashfsOptions withThreads(int threads) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    /** These files have these contents; see {@link #contentKeys()}. */
    public SquashfsOptions withContentKeys(Map<String, String> contentKeys) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, blockStore);
    }

    /** Files with a content key take their data blocks from this store, and leave them there. */
    public SquashfsOptions withBlockStore(BlockStore blockStore) {
        return new SquashfsOptions(compression, level, blockSize, owner, time, specialFiles, threads, owners,
                contentKeys, Optional.ofNullable(blockStore));
    }

    private static Map<String, String> sha256Keys(Map<String, String> keys) {
        Map<String, String> checked = new HashMap<>(keys.size() * 2);
        keys.forEach((path, key) -> {
            if (path == null || key == null || key.length() != 64 || !key.chars().allMatch(SquashfsOptions::isHex)) {
                throw new IllegalArgumentException("the content key of '" + path
                        + "' is not a SHA-256 of 64 hex digits: " + key);
            }
            checked.put(path, key.toLowerCase(Locale.ROOT));
        });
        return Map.copyOf(checked);
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
