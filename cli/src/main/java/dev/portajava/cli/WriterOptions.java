package dev.portajava.cli;

import dev.portajava.builder.Engine;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.squashfs.Compression;
import java.util.List;

/** What writes build's raw image and how: the engine, the compressor and its level, the block size. */
final class WriterOptions {

    private static final ValueType<Engine> ENGINES = new ValueType.Constants<>(Engine.values()) {
        @Override
        Engine parse(String text) {
            return Engine.parse(text);
        }
    };
    private static final ValueType<Compression> COMPRESSIONS = new ValueType.Constants<>(Compression.values()) {
        @Override
        Compression parse(String text) {
            return Compression.parse(text);
        }
    };

    static final Option<Engine> ENGINE = Option.value("--engine", "ENGINE", ENGINES,
            "What writes a raw image: java (in this process, the default) or mksquashfs.").defaultValue("java");
    static final Option<Compression> COMPRESSION = Option.value("--compression", "COMP", COMPRESSIONS,
            "Compressor of a raw image: gzip (default), zstd, xz or lz4.").defaultValue("gzip");
    static final Option<Integer> LEVEL = Option.value("--compression-level", "N", ValueType.INTEGER,
            "Compression level (default as mksquashfs: gzip 9, zstd 15, xz 6, lz4 0 = fast, 1-12 = HC).");
    static final Option<String> BLOCK_SIZE = Option.value("--block-size", "SIZE", ValueType.TEXT,
            "Data block size of a raw image: a power of two from 4K to 1M (default 128K).").defaultValue("128K");
    static final List<Option<?>> ALL = List.of(ENGINE, COMPRESSION, LEVEL, BLOCK_SIZE);

    private WriterOptions() {
    }

    /** The options; a wrong level or block size is a usage error. */
    static RawImageOptions of(Invocation invocation) throws UsageException {
        Compression compression = invocation.value(COMPRESSION);
        Integer level = invocation.value(LEVEL);
        try {
            return new RawImageOptions(invocation.value(ENGINE), compression,
                    level == null ? compression.defaultLevel() : level,
                    RawImageOptions.parseBlockSize(invocation.value(BLOCK_SIZE)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
