package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw images of samples/hello, built by the Java writer (the default engine): the same inputs give the same bytes. */
class ReproducibleBuildTest {

    private static final long EPOCH = 1_700_000_000L;

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void build_raw_twiceInDifferentDirectories_givesIdenticalBytes() throws Exception {
        Path specA = copySample(first.resolve("a/spec"), Instant.parse("2001-01-01T00:00:00Z"));
        Path specB = copySample(second.resolve("somewhere/else/entirely"), Instant.parse("2024-06-30T12:34:56Z"));
        Files.setPosixFilePermissions(specB.resolve("hello.service"), PosixFilePermissions.fromString("rw-------"));
        Path outA = Files.createDirectories(first.resolve("out")).resolve("hello.raw");
        Path outB = Files.createDirectories(second.resolve("elsewhere")).resolve("hello.raw");

        BuiltImage a = ImageBuilder.load(specA).withEpoch(EPOCH).build(outA);
        BuiltImage b = ImageBuilder.load(specB).withEpoch(EPOCH).build(outB);

        assertEquals(ImageFormat.SQUASHFS, a.format());
        assertEquals(sha256(outA), a.sha256().orElseThrow());
        assertEquals(sha256(outB), b.sha256().orElseThrow());
        assertEquals(a.sha256(), b.sha256());
        assertEquals(-1, Files.mismatch(outA, outB));
        assertEquals(List.of("hello.raw"), names(outA.getParent()), "no temporary left next to the image");
    }

    @Test
    void build_raw_withAnotherEpoch_givesOtherBytes() throws Exception {
        Path spec = copySample(first.resolve("spec"), Instant.parse("2001-01-01T00:00:00Z"));
        Path outA = first.resolve("hello.raw");
        Path outB = second.resolve("hello.raw");

        BuiltImage a = ImageBuilder.load(spec).withEpoch(EPOCH).build(outA);
        BuiltImage b = ImageBuilder.load(spec).withEpoch(EPOCH + 1).build(outB);

        assertNotEquals(a.sha256(), b.sha256(), "the comparison above can tell images apart");
    }

    @Test
    void build_raw_whenOutputExistsAndForce_replacesIt() throws Exception {
        Path spec = copySample(first.resolve("spec"), Instant.parse("2001-01-01T00:00:00Z"));
        Path out = Files.writeString(second.resolve("hello.raw"), "old");

        BuiltImage image = ImageBuilder.load(spec).withForce(true).build(out);

        assertEquals(sha256(out), image.sha256().orElseThrow());
        assertTrue(Files.size(out) > 4096);
        assertEquals(List.of("hello.raw"), names(second));
    }

    @Test
    void build_raw_withEitherEngine_holdsTheSameTree() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/mksquashfs"))) { // scripts/provision.sh installs squashfs-tools
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"), "mksquashfs is not installed");
            org.junit.jupiter.api.Assumptions.abort("mksquashfs is not installed");
        }
        Path spec = copySample(first.resolve("spec"), Instant.parse("2001-01-01T00:00:00Z"));
        Path java = second.resolve("java.raw");
        Path mksquashfs = second.resolve("mksquashfs.raw");

        ImageBuilder.load(spec).withEpoch(EPOCH).build(java);
        ImageBuilder.load(spec).withEpoch(EPOCH).withEngine(Engine.MKSQUASHFS).build(mksquashfs);

        assertEquals(describe(mksquashfs), describe(java));
        assertTrue(describe(java).contains("/usr/lib/os-release 100644 0:0 " + EPOCH), describe(java));
    }

    @Test
    void build_raw_withZstdAnd1MBlocks_writesThem() throws Exception {
        Path spec = copySample(first.resolve("spec"), Instant.parse("2001-01-01T00:00:00Z"));
        Path out = second.resolve("hello.raw");

        ImageBuilder.load(spec).withRawImage(RawImageOptions.defaults().withCompression(Compression.ZSTD).withLevel(3)
                .withBlockSize(1 << 20)).build(out);

        try (SquashfsImage image = SquashfsImage.open(out)) {
            assertEquals(Compression.ZSTD, image.compression());
            assertEquals(1 << 20, image.blockSize());
        }
    }

    /** Every entry of an image: path, mode, owner, time, and the contents of files and symlinks. */
    private static String describe(Path raw) throws Exception {
        StringBuilder b = new StringBuilder();
        try (SquashfsImage image = SquashfsImage.open(raw)) {
            image.walk(e -> {
                b.append(e.path()).append(' ').append(Integer.toOctalString(e.mode())).append(' ').append(e.uid())
                        .append(':').append(e.gid()).append(' ').append(e.mtime()).append(' ')
                        .append(e.symlinkTarget().orElse(""));
                if (e.isFile()) {
                    b.append(HexFormat.of().formatHex(image.readAllBytes(e, 1 << 24)));
                }
                b.append('\n');
                return true;
            });
        }
        return b.toString();
    }

    private static Path copySample(Path target, Instant mtime) throws IOException {
        Path sample = Path.of("").toAbsolutePath().getParent().resolve("samples/hello");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(sample)) {
            for (Path file : files.toList()) {
                Path copy = Files.copy(file, target.resolve(file.getFileName()));
                Files.setLastModifiedTime(copy, FileTime.from(mtime));
            }
        }
        Files.setLastModifiedTime(target, FileTime.from(mtime));
        return target;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
