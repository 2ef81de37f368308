package dev.portajava.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        assertEquals(SignatureCheck.Status.TRUSTED, verification.signature().status());
        assertTrue(verification.signature().signer().orElseThrow().contains("portajava test rsa"));
    }

    @Test
    void verify_ofAGptEntryWithoutSectors_isDamaged() throws Exception {
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64, Optional.empty());
        rewriteFirstEntry(ddi, (first, last) -> new long[] {first, first - 1});

        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(e.getMessage().startsWith(ddi + ": GPT entry 1: partition"), e.getMessage());
        assertTrue(e.getMessage().contains("has no sectors"), e.getMessage());
    }

    @Test
    void verify_ofAGptEntryBeyondTheDisk_isDamaged() throws Exception {
        Path ddi = dir.resolve("app.raw");
        DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64, Optional.empty());
        rewriteFirstEntry(ddi, (first, last) -> new long[] {first, Long.MAX_VALUE / 256});

        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(ddi, Optional.empty()));
        assertTrue(e.getMessage().contains("GPT entry 1 (") && e.getMessage().contains("lies outside the disk"),
                e.getMessage());
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
    void verify_ofACutShortVeritySidecar_namesTheSidecarNotTheImage() throws Exception {
        Path image = Files.move(TestImages.squashfs(dir, 300_000), dir.resolve("app.raw"));
        VeritySidecars.write(image, VeritySidecars.of(image), Optional.empty());
        Path verity = dir.resolve("app.verity");
        assertEquals(8192, Files.size(verity), "a superblock and one hash block: veritysetup's size too");

        try (FileChannel channel = FileChannel.open(verity, StandardOpenOption.WRITE)) {
            channel.truncate(4096);
        }
        DamagedImageException cut = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(image, Optional.empty()));
        assertEquals(image + ": app.verity is cut short: it holds 4096 bytes, the hash tree of 74 blocks takes 8192",
                cut.getMessage());

        try (FileChannel channel = FileChannel.open(verity, StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }
        DamagedImageException tiny = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(image, Optional.empty()));
        assertTrue(tiny.getMessage().startsWith(image + ": app.verity is cut short: it holds 100 bytes"),
                tiny.getMessage());

        Files.write(verity, new byte[8192]);
        DamagedImageException zeros = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(image, Optional.empty()));
        assertTrue(zeros.getMessage().startsWith(image + ": app.verity holds no dm-verity superblock"),
                zeros.getMessage());
    }

    @Test
    void verify_signedDdiWithoutCert_checksTheSignatureWithTheCertificateItCarries() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        Path ddi = dir.resolve("app.raw");
        VerityResult written = DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        assertTrue(TestImages.opensslAccepts(signatureFile(ddi), written.rootHash().hex().getBytes(), null));

        SignatureCheck signature = ImageVerifier.verify(ddi, Optional.empty()).signature();

        assertEquals(SignatureCheck.Status.INTACT, signature.status());
        assertTrue(signature.signer().orElseThrow().contains("portajava test rsa"), signature.toString());
        assertEquals(SigningKey.load(pair.get(0), pair.get(1)).certificateFingerprint(),
                signature.certificateFingerprint().orElseThrow());
    }

    @Test
    void verify_damagedSignatureWithoutCert_isDamagedNotSigned() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        Path ddi = dir.resolve("app.raw");
        VerityResult written = DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        damageSignaturePartition(ddi);
        assertFalse(TestImages.opensslAccepts(signatureFile(ddi), written.rootHash().hex().getBytes(), null),
                "openssl refuses the damaged signature");

        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(ddi, Optional.empty()));

        assertTrue(e.getMessage().contains("the signature is damaged"), e.getMessage());
    }

    @Test
    void verify_damagedSignatureWithItsCert_isDamagedNotAnotherKey() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "ec");
        Path ddi = dir.resolve("app.raw");
        VerityResult written = DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        damageSignaturePartition(ddi);
        assertFalse(TestImages.opensslAccepts(signatureFile(ddi), written.rootHash().hex().getBytes(), pair.get(1)));

        DamagedImageException e = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.of(pair.get(1))));

        assertTrue(e.getMessage().contains("the signature by CN=portajava test ec is damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("not made by"), e.getMessage());
        assertFalse(e.getMessage().contains("another key"), e.getMessage());
    }

    @Test
    void verify_otherCertificate_saysAnotherKeyMadeIt() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        List<Path> other = TestImages.keyPair(Files.createDirectories(dir.resolve("other")), "ec");
        Path ddi = dir.resolve("app.raw");
        VerityResult written = DiskImageWriter.write(TestImages.squashfs(dir, 10_000), ddi, Architecture.X86_64,
                Optional.of(SigningKey.load(pair.get(0), pair.get(1))));
        assertFalse(TestImages.opensslAccepts(signatureFile(ddi), written.rootHash().hex().getBytes(), other.get(1)));

        DamagedImageException e = assertThrows(DamagedImageException.class,
                () -> ImageVerifier.verify(ddi, Optional.of(other.get(1))));

        assertTrue(e.getMessage().endsWith("made by another key, CN=portajava test rsa, not by CN=portajava test ec"),
                e.getMessage());
    }

    @Test
    void verify_sidecarSignatureMadeByOpenssl_isCheckedLikeOurs() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        Path image = Files.move(TestImages.squashfs(dir, 30_000), dir.resolve("app.raw"));
        VerityResult written = VeritySidecars.write(image, VeritySidecars.of(image), Optional.empty());
        Path p7s = dir.resolve("app.roothash.p7s");
        TestImages.run("openssl", "cms", "-sign", "-binary", "-noattr", "-outform", "DER", "-signer",
                pair.get(1).toString(), "-inkey", pair.get(0).toString(), "-in", dir.resolve("app.roothash").toString(),
                "-out", p7s.toString());

        assertEquals(SignatureCheck.Status.INTACT, ImageVerifier.verify(image, Optional.empty()).signature().status());
        assertEquals(SignatureCheck.Status.TRUSTED,
                ImageVerifier.verify(image, Optional.of(pair.get(1))).signature().status());

        byte[] damaged = Files.readAllBytes(p7s);
        damaged[damaged.length - 1] ^= 1;
        Files.write(p7s, damaged);
        assertFalse(TestImages.opensslAccepts(p7s, written.rootHash().hex().getBytes(), null));
        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(image, Optional.empty()));
        assertTrue(e.getMessage().contains("the signature is damaged"), e.getMessage());
    }

    @Test
    void verify_signatureWithoutItsCertificate_isNotCheckedWithoutCert() throws Exception {
        List<Path> pair = TestImages.keyPair(dir, "ec");
        Path image = Files.move(TestImages.squashfs(dir, 30_000), dir.resolve("app.raw"));
        VeritySidecars.write(image, VeritySidecars.of(image), Optional.empty());
        TestImages.run("openssl", "cms", "-sign", "-binary", "-noattr", "-nocerts", "-outform", "DER", "-signer",
                pair.get(1).toString(), "-inkey", pair.get(0).toString(), "-in", dir.resolve("app.roothash").toString(),
                "-out", dir.resolve("app.roothash.p7s").toString());

        assertEquals(SignatureCheck.Status.NOT_CHECKED, ImageVerifier.verify(image, Optional.empty()).signature().status());
        assertEquals(SignatureCheck.Status.TRUSTED,
                ImageVerifier.verify(image, Optional.of(pair.get(1))).signature().status());
    }

    @Test
    void verify_signatureThatIsNoPkcs7_isDamaged() throws Exception {
        Path image = Files.move(TestImages.squashfs(dir, 30_000), dir.resolve("app.raw"));
        VeritySidecars.write(image, VeritySidecars.of(image), Optional.empty());
        Files.writeString(dir.resolve("app.roothash.p7s"), "not a signature");

        DamagedImageException e = assertThrows(DamagedImageException.class, () -> ImageVerifier.verify(image, Optional.empty()));

        assertTrue(e.getMessage().contains("the signature is damaged"), e.getMessage());
    }

    @Test
    void verify_ofADirectoryImage_saysItIsOne_notThatItIsMissing() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("app_1"));

        NotAVerityImageException e = assertThrows(NotAVerityImageException.class,
                () -> ImageVerifier.verify(directory, Optional.empty()));

        assertEquals(directory + ": a directory image, which has no dm-verity hash tree; verify checks a ddi, or a raw"
                + " image with its .verity and .roothash beside it", e.getMessage());
    }

    @Test
    void verify_plainFileWithoutSidecars_isNotAVerityImage() throws Exception {
        Path file = Files.write(dir.resolve("plain.raw"), new byte[8192]);
        NotAVerityImageException e = assertThrows(NotAVerityImageException.class,
                () -> ImageVerifier.verify(file, Optional.empty()));
    }

    /** The PKCS#7 of a ddi's signature partition, in a file of its own beside it. */
    private static Path signatureFile(Path ddi) throws Exception {
        String json = signatureJson(ddi);
        int from = json.indexOf("\"signature\":\"") + 13;
        Path file = ddi.resolveSibling("signature.p7s");
        Files.write(file, java.util.Base64.getDecoder().decode(json.substring(from, json.indexOf('"', from))));
        return file;
    }

    /**
     * Flips a bit in the last byte of the PKCS#7 in a ddi's signature partition: the signature value itself, so the
     * signature still reads as PKCS#7 but no longer verifies.
     */
    private static void damageSignaturePartition(Path ddi) throws Exception {
        byte[] disk = Files.readAllBytes(ddi);
        String text = new String(disk, java.nio.charset.StandardCharsets.ISO_8859_1);
        int from = text.indexOf("\"signature\":\"") + 13;
        int to = text.indexOf('"', from);
        byte[] der = java.util.Base64.getDecoder().decode(text.substring(from, to));
        der[der.length - 1] ^= 1;
        byte[] encoded = java.util.Base64.getEncoder().encode(der);
        assertEquals(to - from, encoded.length);
        System.arraycopy(encoded, 0, disk, from, encoded.length);
        Files.write(ddi, disk);
    }

    private static String signatureJson(Path ddi) throws Exception {
        String text = new String(Files.readAllBytes(ddi), java.nio.charset.StandardCharsets.ISO_8859_1);
        int start = text.indexOf("{\"rootHash\"");
        return text.substring(start, text.indexOf('}', start) + 1);
    }

    /**
     * Gives the primary GPT's first entry other first and last sectors, with both checksums made right again, as a
     * hostile image would.
     */
    private static void rewriteFirstEntry(Path disk, java.util.function.BiFunction<Long, Long, long[]> sectors)
            throws Exception {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(disk,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 512);
            long entriesAt = header.getLong(72) * 512;
            int entriesSize = header.getInt(80) * header.getInt(84);
            java.nio.ByteBuffer entries = java.nio.ByteBuffer.allocate(entriesSize).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(entries, entriesAt);
            long[] changed = sectors.apply(entries.getLong(32), entries.getLong(40));
            entries.putLong(32, changed[0]).putLong(40, changed[1]);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(entries.array());
            header.putInt(88, (int) crc.getValue()).putInt(16, 0);
            crc.reset();
            crc.update(header.array(), 0, header.getInt(12));
            header.putInt(16, (int) crc.getValue());
            channel.write(entries.rewind(), entriesAt);
            channel.write(header.rewind(), 512);
        }
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
