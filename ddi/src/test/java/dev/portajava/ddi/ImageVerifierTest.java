package dev.portajava.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageVerifierTest {

    @TempDir
    Path dir;

    @Test
    void verify_signedDdiWithItsCertificate_passes() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        Path ddi = dir.resolve("app.raw");
        VerityResult written = DiskImageWriter.write(TestImages.squashfs(dir, 200_000), ddi, Architecture.X86_64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        Verification verification = ImageVerifier.verify(ddi, Optional.of(pair.get(1)));
        assertEquals(written.rootHash(), verification.rootHash());
        assertEquals("ddi", verification.layout());
        assertTrue(verification.signedBy().orElseThrow().contains("portajava test rsa"));
    }

    @Test
    void verify_flippedByteInTheRootPartition_namesTheFirstBadBlock() throws Exception {
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(TestImages.squashfs(dir, 200_000), ddi, Architecture.X86_64, Optional.empty());
        flip(ddi, (1 << 20) + 5 * 4096 + 17);
        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(e.getMessage().contains("data block 5 (bytes 20480-24575 of the root partition)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("it holds /usr/bin/payload"), e.getMessage());
    }

    @Test
    void verify_flippedByteInACompressedImage_namesTheFileOrTable() throws Exception {
        Path fs = TestImages.squashfs(dir, 400_000, "-comp", "gzip");
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(fs, ddi, Architecture.X86_64, Optional.empty());
        flip(ddi, (1 << 20) + 50 * 4096);
        DamagedImageException data = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(data.getMessage().endsWith("it holds /usr/bin/payload"), data.getMessage());
        flip(ddi, (1 << 20) + 50 * 4096);
        long inodeTable = java.nio.ByteBuffer.wrap(Files.readAllBytes(fs), 64, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        flip(ddi, (1 << 20) + inodeTable + 10);
        DamagedImageException table = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(table.getMessage().contains("the squashfs inode table"), table.getMessage());
    }

    @Test
    void verify_flippedByteInAZstdImage_namesTheFile() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("usr/bin"));
        byte[] random = new byte[400_000];
        new java.util.Random(3).nextBytes(random);
        Files.write(tree.resolve("usr/bin/payload"), random);
        Files.writeString(tree.resolve("usr/bin/small"), "a small file in a fragment\n");
        Path fs = dir.resolve("fs.squashfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.ZSTD).withOwner(0).withTime(0))
                .write(tree, fs);
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(fs, ddi, Architecture.X86_64, Optional.empty());
        flip(ddi, (1 << 20) + 50 * 4096);
        DamagedImageException data = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(data.getMessage().endsWith("data block 50 (bytes 204800-208895 of the root partition) does not "
                + "match the hash tree; it holds /usr/bin/payload"), data.getMessage());
        flip(ddi, (1 << 20) + 50 * 4096);
        flip(ddi, (1 << 20) + 8); // the file system's time: the superblock still reads
        DamagedImageException superblock = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(superblock.getMessage().endsWith("it holds the squashfs superblock and /usr/bin/payload"),
                superblock.getMessage());
    }

    @Test
    void verify_otherCertificate_isRefused() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        List<Path> other = TestImages.keyPair(Files.createDirectories(dir.resolve("other")), "ec");
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.ARM64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        DamagedImageException e = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.of(other.get(1))));
        assertTrue(e.getMessage().contains("portajava test ec"), e.getMessage());
    }

    @Test
    void verify_squashfsWithSidecars_checksTreeAndSignature() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "ec");
        Path image = Files.move(TestImages.squashfs(dir, 300_000), dir.resolve("app.raw"));
        VerityResult written = VeritySidecars.write(image, VeritySidecars.of(image),
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        assertEquals(written.rootHash(), ImageVerifier.verify(image, Optional.of(pair.get(1))).rootHash());
        TestImages.run("veritysetup", "verify", image.toString(), dir.resolve("app.verity").toString(),
                written.rootHash().hex());
        flip(image, 4096 * 3);
        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(image, Optional.empty()));
        assertTrue(e.getMessage().contains("data block 3 "), e.getMessage());
    }

    @Test
    void verify_plainFileWithoutSidecars_isNotAVerityImage() throws Exception {
        Path file = Files.write(dir.resolve("plain.raw"), new byte[8192]);
        NotAVerityImageException e = assertThrows(NotAVerityImageException.class,
                () -> ImageVerifier.verify(file, Optional.empty()));
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0xff);
        }
    }
}
