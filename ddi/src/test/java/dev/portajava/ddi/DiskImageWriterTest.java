package dev.portajava.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptReader;
import dev.portajava.ddi.internal.SignaturePartition;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.ImagePlan;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImageWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_squashfs_partitionsAreTypedAlignedReadOnlyAndNamedByTheRootHash() throws Exception {
        Path fs = TestImages.squashfs(dir, 300_000);
        Path ddi = dir.resolve("image.raw");
        VerityResult result = DiskImageWriter.write(fs, ddi, Architecture.X86_64, Optional.empty());

        List<GptPartition> partitions = partitions(ddi);
        assertEquals(2, partitions.size());
        GptPartition root = partitions.get(0);
        GptPartition verity = partitions.get(1);
        assertEquals(Architecture.X86_64.rootType(), root.type());
        assertEquals(Architecture.X86_64.rootVerityType(), verity.type());
        assertEquals(result.rootHash().rootPartitionUuid(), root.uuid());
        assertEquals(result.rootHash().verityPartitionUuid(), verity.uuid());
        assertEquals(2048, root.firstLba(), "the root partition starts at 1 MiB");
        assertEquals(0, verity.offset() % (1 << 20));
        for (GptPartition partition : partitions) {
            assertEquals(GptPartition.READ_ONLY, partition.attributes());
        }
        assertEquals("root-x86-64", root.name());
        assertEquals("root-x86-64-verity", verity.name());
        assertEquals(0, Files.size(ddi) % (1 << 20));
        assertEquals(-1L, Files.mismatch(fs, extract(ddi, root, Files.size(fs), "root.part")));
    }

    @Test
    void write_judgedByVeritysetupSfdiskAndSgdisk_passes() throws Exception {
        Path fs = TestImages.squashfs(dir, 700_000);
        Path ddi = dir.resolve("image.raw");
        VerityResult result = DiskImageWriter.write(fs, ddi, Architecture.ARM64, Optional.empty());
        List<GptPartition> partitions = partitions(ddi);
        assertEquals(Architecture.ARM64.rootType(), partitions.get(0).type());
        Path data = extract(ddi, partitions.get(0), partitions.get(0).size(), "data");
        Path hash = extract(ddi, partitions.get(1), partitions.get(1).size(), "hash");
        TestImages.run("veritysetup", "verify", data.toString(), hash.toString(), result.rootHash().hex());

        String sfdisk = TestImages.run("sfdisk", "--verify", ddi.toString());
        assertTrue(sfdisk.contains("No errors detected"), sfdisk);
        String sgdisk = TestImages.run("sgdisk", "-v", ddi.toString());
        assertTrue(sgdisk.contains("No problems found"), sgdisk);
    }

    @Test
    void write_twiceFromTheSameFileSystem_givesIdenticalBytes() throws Exception {
        Path fs = TestImages.squashfs(dir, 100_000);
        Path first = dir.resolve("first.raw");
        Path second = dir.resolve("second.raw");
        VerityResult a = DiskImageWriter.write(fs, first, Architecture.X86_64, Optional.empty());
        VerityResult b = DiskImageWriter.write(fs, second, Architecture.X86_64, Optional.empty());
        assertEquals(a.rootHash(), b.rootHash());
        assertEquals(-1L, Files.mismatch(first, second));
    }

    @Test
    void complete_fileSystemAlreadyAtOneMebibyte_givesTheSameBytesAsWrite() throws Exception {
        Path fs = TestImages.squashfs(dir, 123_457);
        Path copied = dir.resolve("copied.raw");
        DiskImageWriter.write(fs, copied, Architecture.X86_64, Optional.empty());
        Path inPlace = dir.resolve("in-place.raw");
        try (FileChannel out = FileChannel.open(inPlace, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(Files.readAllBytes(fs)), DiskImageWriter.ROOT_OFFSET);
        }
        DiskImageWriter.complete(inPlace, Architecture.X86_64, Optional.empty());
        assertEquals(-1L, Files.mismatch(copied, inPlace));
    }

    @Test
    void complete_fromTheSquashfsWritersWrites_givesTheBytesOfWriteAndVeritysetupVerifiesThem() throws Exception {
        // the superblock, written last, falls in the first 4 MiB chunk: still open (small), or hashed long before
        for (int payload : new int[] {150_000, 11_000_000}) {
            Path tree = Files.createDirectories(dir.resolve("tree-" + payload + "/usr/bin"));
            byte[] random = new byte[payload];
            new java.util.Random(payload).nextBytes(random);
            Files.write(tree.resolve("payload"), random);
            Files.writeString(tree.resolve("small"), "a small file in a fragment\n");
            SquashfsWriter writer = SquashfsWriter.of(SquashfsOptions.defaults().withTime(0));
            ImagePlan plan = writer.plan(tree.getParent().getParent()).build();

            Path fs = dir.resolve("fs-" + payload + ".squashfs");
            writer.write(plan, fs);
            Path copied = dir.resolve("copied-" + payload + ".raw");
            VerityResult expected = DiskImageWriter.write(fs, copied, Architecture.X86_64, Optional.empty());

            Path streamed = dir.resolve("streamed-" + payload + ".raw");
            FileSystemWrites writes = new FileSystemWrites();
            try (FileChannel disk = FileChannel.open(streamed, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                writer.write(plan, disk, DiskImageWriter.ROOT_OFFSET, writes);
            }
            VerityResult result = DiskImageWriter.complete(streamed, Architecture.X86_64, Optional.empty(), writes);

            assertEquals(expected.rootHash(), result.rootHash());
            assertEquals(-1L, Files.mismatch(copied, streamed));
            List<GptPartition> partitions = partitions(streamed);
            Path data = extract(streamed, partitions.get(0), partitions.get(0).size(), "data-" + payload);
            Path hash = extract(streamed, partitions.get(1), partitions.get(1).size(), "hash-" + payload);
            TestImages.run("veritysetup", "verify", data.toString(), hash.toString(), result.rootHash().hex());
            assertTrue(TestImages.run("sfdisk", "--verify", streamed.toString()).contains("No errors detected"));
        }
    }

    @Test
    void write_withKey_addsASignaturePartitionThatOpensslAccepts() throws Exception {
        Path fs = TestImages.squashfs(dir, 100_000);
        List<Path> pair = TestImages.keyPair(dir, "rsa");
        Path ddi = dir.resolve("signed.raw");
        SigningKey key = SigningKey.load(pair.get(0), pair.get(1));
        VerityResult result = DiskImageWriter.write(fs, ddi, Architecture.X86_64, Optional.of(key));

        GptPartition sig = partitions(ddi).get(2);
        assertEquals(Architecture.X86_64.rootVeritySignatureType(), sig.type());
        assertEquals(GptPartition.READ_ONLY, sig.attributes());
        assertEquals(0, sig.size() % 4096);
        byte[] content = Files.readAllBytes(extract(ddi, sig, sig.size(), "sig"));
        SignaturePartition parsed = SignaturePartition.parse(content).orElseThrow();
        assertEquals(result.rootHash(), parsed.rootHash());
        assertEquals(key.certificateFingerprint(), parsed.certificateFingerprint());
        String fingerprint = TestImages.run("openssl", "x509", "-in", pair.get(1).toString(), "-noout", "-fingerprint",
                "-sha256");
        assertTrue(fingerprint.replace(":", "").toLowerCase().contains(parsed.certificateFingerprint()), fingerprint);

        Path p7s = Files.write(dir.resolve("sig.p7s"), parsed.signature());
        Path hex = Files.writeString(dir.resolve("roothash"), result.rootHash().hex(), StandardCharsets.US_ASCII);
        String verify = TestImages.run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(),
                "-content", hex.toString(), "-CAfile", pair.get(1).toString(), "-purpose", "any", "-out", "/dev/null");
        assertTrue(verify.contains("Verification successful"), verify);
        String attributes = TestImages.run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", p7s.toString());
        assertTrue(attributes.matches("(?s).*signedAttrs:\\s*<ABSENT>.*"), attributes);
    }

    @Test
    void write_withEcKey_signsReproducibly() throws Exception {
        Path fs = TestImages.squashfs(dir, 50_000);
        List<Path> pair = TestImages.keyPair(dir, "ec");
        SigningKey key = SigningKey.load(pair.get(0), pair.get(1));
        DiskImageWriter.write(fs, dir.resolve("a.raw"), Architecture.X86_64, Optional.of(key));
        DiskImageWriter.write(fs, dir.resolve("b.raw"), Architecture.X86_64, Optional.of(key));
        assertEquals(-1L, Files.mismatch(dir.resolve("a.raw"), dir.resolve("b.raw")));
    }

    @Test
    void load_keyOfAnotherCertificate_isRefusedInOneLine() throws Exception {
        List<Path> first = TestImages.keyPair(dir, "rsa");
        List<Path> second = TestImages.keyPair(Files.createDirectories(dir.resolve("other")), "ec");
        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> SigningKey.load(first.get(0), second.get(1)));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void load_unsupportedOrUnreadableFiles_areRefused() throws Exception {
        List<Path> ed = TestImages.keyPair(dir, "ed25519");
        SigningKeyException unsupported = assertThrows(SigningKeyException.class, () -> SigningKey.load(ed.get(0), ed.get(1)));
        assertTrue(unsupported.getMessage().contains("unsupported key type"), unsupported.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        SigningKeyException unreadable = assertThrows(SigningKeyException.class, () -> SigningKey.load(garbage, ed.get(1)));
        assertTrue(unreadable.getMessage().startsWith(garbage.toString()), unreadable.getMessage());
        SigningKeyException missing = assertThrows(SigningKeyException.class,
                () -> SigningKey.load(dir.resolve("nope.pem"), ed.get(1)));
        assertTrue(missing.getMessage().contains("no such key file"), missing.getMessage());
        assertTrue(missing.getMessage().lines().count() == 1);
    }

    static List<GptPartition> partitions(Path ddi) throws Exception {
        try (FileChannel channel = FileChannel.open(ddi)) {
            return GptReader.read(channel).orElseThrow();
        }
    }

    private Path extract(Path ddi, GptPartition partition, long bytes, String name) throws Exception {
        Path out = dir.resolve(name);
        try (FileChannel in = FileChannel.open(ddi);
                FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) bytes);
            in.read(buffer, partition.offset());
            target.write(buffer.flip());
        }
        return out;
    }
}
