package dev.portajava.oci;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much the cache holds, part by part: the sizes of its files, in bytes.
 *
 * @param parts {@code blobs}, {@code layers}, {@code files}, {@code checkouts}, {@code squashfs-blocks} and
 *     {@code tmp}, in that order
 */
public record CacheUsage(Path root, Map<String, Long> parts) {

    public CacheUsage {
        parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** Measures {@code cache}; a cache that does not exist holds nothing. */
    public static CacheUsage of(CacheDirectory cache) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : new String[] {"blobs", "layers", "files", "checkouts", "squashfs-blocks", "tmp"}) {
            parts.put(part, size(cache.root().resolve(part)));
        }
        return new CacheUsage(cache.root(), parts);
    }

    public long total() {
        return parts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long size(Path dir) {
        long[] total = {0};
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile by a build: not counted
                }
            });
        } catch (IOException e) {
            // counted as far as it could be read
        }
        return total[0];
    }
}
