package dev.portajava.ddi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashTreeWriterTest {

    private static final ExternalTool VERITYSETUP = new ExternalTool("veritysetup");
    private static final byte[] SALT = HexFormat.of().parseHex("5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0f");
    private static final byte[] UUID = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef");
    private static final String UUID_TEXT = "01234567-89ab-cdef-0123-456789abcdef";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {4096, 128 * 4096, 129 * 4096, 5 * 4096 + 100, 128 * 128 * 4096 + 4096, 100_000_000})
    void write_sameDataSaltAndUuid_isByteIdenticalToVeritysetup(long size) throws Exception {
        Path data = randomFile(size);
        Path ours = dir.resolve("ours.verity");
        byte[] root = writeTree(data, ours);

        Path theirs = dir.resolve("theirs.verity");
        String output = VERITYSETUP.check("format", "--hash=sha256", "--data-block-size=4096", "--hash-block-size=4096",
                "--salt=" + HexFormat.of().formatHex(SALT), "--uuid=" + UUID_TEXT, data.toString(), theirs.toString());
        assertEquals(rootHashIn(output), HexFormat.of().formatHex(root));
        assertEquals(Files.size(theirs), Files.size(ours));
        assertEquals(-1L, Files.mismatch(ours, theirs), "first differing byte of the hash devices");
        VERITYSETUP.check("verify", data.toString(), ours.toString(), HexFormat.of().formatHex(root));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {4096, 129 * 4096, 128 * 128 * 4096 + 4096})
    void writeLevels_fromLevelZeroStreamedAsTheDataWasWritten_isByteIdenticalToVeritysetup(long size)
            throws Exception {
        Path data = randomFile(size);
        DataHashStream stream = new DataHashStream(SALT);
        byte[] bytes = Files.readAllBytes(data);
        for (int at = 0; at < bytes.length; at += 70_000) {
            stream.written(at, java.nio.ByteBuffer.wrap(bytes, at, Math.min(70_000, bytes.length - at)));
        }
        Path ours = dir.resolve("ours.verity");
        HashTreeLayout layout = HashTreeLayout.forDataSize(size);
        byte[] root;
        try (var in = java.nio.channels.FileChannel.open(data);
                var out = java.nio.channels.FileChannel.open(ours, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            root = HashTreeWriter.writeLevels(stream.levelZero(in, 0, size), SALT, layout, out, 0);
            HashTreeWriter.writeSuperblock(out, 0, new VeritySuperblock(UUID, SALT, layout.dataBlocks()));
        }

        Path theirs = dir.resolve("theirs.verity");
        String output = VERITYSETUP.check("format", "--hash=sha256", "--data-block-size=4096", "--hash-block-size=4096",
                "--salt=" + HexFormat.of().formatHex(SALT), "--uuid=" + UUID_TEXT, data.toString(), theirs.toString());
        assertEquals(rootHashIn(output), HexFormat.of().formatHex(root));
        assertEquals(-1L, Files.mismatch(ours, theirs), "first differing byte of the hash devices");
    }

    @Test
    void write_oneDataBlock_rootIsTheDigestOfTheSaltedBlock() throws Exception {
        Path data = randomFile(4096);
        byte[] root = writeTree(data, dir.resolve("tree"));
        var digest = dev.portajava.digest.Sha256.digest();
        digest.update(SALT);
        digest.update(Files.readAllBytes(data));
        assertArrayEquals(digest.digest(), root);
        assertEquals(4096, Files.size(dir.resolve("tree")), "the superblock only");
    }

    @Test
    void layout_lessThanOneBlock_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> HashTreeLayout.forDataSize(4095));
    }

    @Test
    void layout_129Blocks_hasTwoLevelsTopFirst() {
        HashTreeLayout layout = new HashTreeLayout(129);
        assertEquals(2, layout.levels());
        assertEquals(2, layout.levelBlocks(0));
        assertEquals(1, layout.levelBlocks(1));
        assertEquals(1, layout.levelStart(1));
        assertEquals(2, layout.levelStart(0));
        assertEquals(4, layout.hashBlocks());
    }

    private byte[] writeTree(Path data, Path tree) throws IOException {
        VeritySuperblock superblock = new VeritySuperblock(UUID, SALT, Files.size(data) / 4096);
        try (var in = java.nio.channels.FileChannel.open(data);
                var out = java.nio.channels.FileChannel.open(tree, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ)) {
            return HashTreeWriter.write(in, 0, superblock, out, 0);
        }
    }

    private Path randomFile(long size) throws IOException {
        Path file = dir.resolve("data");
        Random random = new Random(size);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    static String rootHashIn(String veritysetupOutput) {
        Matcher matcher = Pattern.compile("Root hash:\\s+([0-9a-f]{64})").matcher(veritysetupOutput);
        if (!matcher.find()) {
            throw new AssertionError("no root hash in: " + veritysetupOutput);
        }
        return matcher.group(1);
    }
}
