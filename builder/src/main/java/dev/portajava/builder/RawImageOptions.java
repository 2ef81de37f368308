package dev.portajava.builder;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How a raw image is written: by which engine, with which compressor, level and block size. The defaults are
 * mksquashfs's: gzip at level 9, 128 KiB blocks.
 *
 * @param blockStore a directory where the Java engine keeps the compressed blocks of the files it writes, so that a
 *     later build does not compress unchanged files again ({@link dev.portajava.squashfs.BlockStore}); the image is
 *     the same with or without it. Builds may share it; mksquashfs does not use it.
 */
public record RawImageOptions(Engine engine, Compression compression, int level, int blockSize,
        Optional<Path> blockStore) {

    public RawImageOptions {
        if (engine == null) {
            throw new IllegalArgumentException("no engine given");
        }
        if (blockStore == null) {
            throw new IllegalArgumentException("no block store given (Optional.empty() for none)");
        }
        // SquashfsOptions checks the compression, level and block size
        new SquashfsOptions(compression, level, blockSize, java.util.OptionalInt.of(0), java.util.OptionalLong.of(0),
                false, false, 1, java.util.Optional.empty());
        if (engine == Engine.MKSQUASHFS && compression == Compression.XZ && level != Compression.XZ.defaultLevel()) {
            throw new IllegalArgumentException("mksquashfs cannot set an xz level; leave it at "
                    + Compression.XZ.defaultLevel() + " or use --engine java");
        }
        if (engine == Engine.MKSQUASHFS && compression == Compression.LZ4 && level != 0 && level != 9) {
            throw new IllegalArgumentException("mksquashfs writes lz4 at level 0 (fast) or 9 (-Xhc) only");
        }
    }

    /** Without a block store. */
    public RawImageOptions(Engine engine, Compression compression, int level, int blockSize) {
        this(engine, compression, level, blockSize, Optional.empty());
    }

    public static RawImageOptions defaults() {
        return new RawImageOptions(Engine.JAVA, Compression.GZIP, Compression.GZIP.defaultLevel(),
                SquashfsOptions.DEFAULT_BLOCK_SIZE);
    }

    public RawImageOptions withEngine(Engine engine) {
        return new RawImageOptions(engine, compression, level, blockSize, blockStore);
    }

    /** This compressor at its default level. */
    public RawImageOptions withCompression(Compression compression) {
        return new RawImageOptions(engine, compression, compression.defaultLevel(), blockSize, blockStore);
    }

    public RawImageOptions withLevel(int level) {
        return new RawImageOptions(engine, compression, level, blockSize, blockStore);
    }

    public RawImageOptions withBlockSize(int blockSize) {
        return new RawImageOptions(engine, compression, level, blockSize, blockStore);
    }

    /** Keeps the compressed blocks of the files written in this directory ({@code null}: none). */
    public RawImageOptions withBlockStore(Path directory) {
        return new RawImageOptions(engine, compression, level, blockSize, Optional.ofNullable(directory));
    }

    /** A block size written {@code 131072}, {@code 128K} or {@code 1M}; not yet checked to be one squashfs has. */
    public static int parseBlockSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        int factor = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1;
        String digits = factor == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(digits) * factor;
            if (value > 0 && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--block-size '" + text + "' is not a size such as 131072, 128K or 1M");
    }
}
