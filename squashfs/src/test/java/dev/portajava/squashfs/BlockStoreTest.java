package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files whose content is known by its SHA-256 (stored files of a plan) take their compressed data blocks, and the
 * fragment blocks they fill, from a {@link BlockStore}: the image is the same, byte for byte, whether the blocks
 * came from the store, went to it, or there was no store at all.
 */
class BlockStoreTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path temp;

    /** Paths relative to the tree; the file {@code big} has no copy in the tree. */
    private Path tree;
    private Map<String, String> keys;
    private Map<String, byte[]> contents;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_withoutStore_withEmptyStore_withFilledStore_sameImage(Compression compression) throws Exception {
        tree();
        SquashfsOptions options = options(compression);
        byte[] plain = write(options);
        assertHolds(plain, contents);

        Path dir = temp.resolve("store");
        byte[] filling = write(options.withBlockStore(BlockStore.inDirectory(dir)));
        assertArrayEquals(plain, filling, "an empty store, filled while writing");
        // one entry per distinct content of a block or more: big, blocks, sparse-end, zeros, copied (its copy shares
        // it), no-key (hashed as it is written); one per fragment block of stored files: small-1 and
        // small-almost-a-block fill two. The empty file has no data
        assertEquals(8, entries(dir).size(), entries(dir).toString());
        assertFalse(entries(dir).stream().anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));

        // The same sizes, other bytes, the same digests: a hit must not read the file, so the image holds the
        // stored, old content. Had the writer read the files, the image would hold the new bytes and differ.
        Map<String, byte[]> before = new HashMap<>(contents);
        replace("usr/lib/big");
        replace("usr/share/small-1");
        byte[] hit = write(options.withBlockStore(BlockStore.inDirectory(dir)));
        assertArrayEquals(plain, hit, "the filled store");
        assertHolds(hit, before);
        assertEquals(8, entries(dir).size());
    }

    /** A warm build compresses nothing: every block comes from the store, of files with a digest or without. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_warmStore_compressesNothing(Compression compression) throws Exception {
        tree();
        SquashfsOptions options = options(compression).withBlockStore(BlockStore.inDirectory(temp.resolve("store")));
        SquashfsWriter.WrittenImage cold = written(options);
        SquashfsWriter.WrittenImage warm = written(options);
        assertEquals(0, warm.blocksCompressed(), warm.toString());
        assertEquals(cold.blocksCompressed(), warm.blocksReused(), cold + " then " + warm);
        assertEquals(0, cold.blocksReused());
    }

    /**
     * Files of the host, none with a digest (as a build plans a project's files): the store serves them under the
     * digest of their bytes, and the image is the same as without a store. A file given other bytes of the same
     * size is compressed again and the image holds its new bytes, never the stored old ones.
     */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_hostFiles_reusedUntilChanged(Compression compression) throws Exception {
        tree();
        keys.clear();
        byte[] small = "another small file\n".getBytes(StandardCharsets.US_ASCII);
        file("opt/small-2", small, false);
        Path dir = temp.resolve("store");
        SquashfsOptions options = options(compression);
        SquashfsOptions stored = options.withBlockStore(BlockStore.inDirectory(dir));
        byte[] plain = write(options);
        SquashfsWriter.WrittenImage cold = written(stored);
        assertArrayEquals(plain, write(stored), "the filled store");
        SquashfsWriter.WrittenImage warm = written(stored);
        assertEquals(0, warm.blocksCompressed(), warm.toString());
        assertEquals(cold.blocksCompressed(), warm.blocksReused(), cold + " then " + warm);

        replace("usr/lib/big");
        replace("opt/small-2");
        byte[] changed = write(stored);
        assertArrayEquals(write(options), changed, "the changed files, with and without the store");
        assertHolds(changed, contents);
        SquashfsWriter.WrittenImage again = written(stored);
        assertEquals(0, again.blocksCompressed(), "the changed files are stored in turn: " + again);
    }

    @Test
    void write_otherLevelOrBlockSize_missesAndReadsTheFile() throws Exception {
        tree();
        Path dir = temp.resolve("store");
        SquashfsOptions options = options(Compression.ZSTD).withBlockStore(BlockStore.inDirectory(dir));
        write(options);
        int filled = entries(dir).size();

        // new bytes under the old digest: only a miss (the file read and compressed) puts them in the image
        replace("usr/lib/big");
        for (SquashfsOptions other : List.of(options.withLevel(3), options.withBlockSize(2 * BLOCK),
                options.withCompression(Compression.GZIP))) {
            byte[] image = write(other);
            assertArrayEquals(write(other.withBlockStore(null)), image,
                    other.compression() + " " + other.level() + " " + other.blockSize());
            assertHolds(image, contents);
        }
        // at 8 KiB blocks copied is small enough for a fragment block, which it shares with small-1: one entry fewer
        assertEquals(4 * filled - 1, entries(dir).size(), "each setting has its own entries");
    }

    @Test
    void write_corruptEntries_areMissesAndWrittenAgain() throws Exception {
        tree();
        SquashfsOptions options = options(Compression.GZIP);
        byte[] plain = write(options);
        Path dir = temp.resolve("store");
        SquashfsOptions stored = options.withBlockStore(BlockStore.inDirectory(dir));
        write(stored);
        List<Path> entries = entries(dir);
        Map<Path, byte[]> good = new HashMap<>();
        for (Path p : entries) {
            good.put(p, Files.readAllBytes(p));
        }
        // a flipped bit in the data, in the header, in the checksum; one byte short, one too many; empty;
        // another content's entry under this name
        for (int i = 0; i < entries.size(); i++) {
            Path p = entries.get(i);
            byte[] bytes = good.get(p).clone();
            switch (i) {
                case 0 -> bytes[bytes.length / 2] ^= 0x10;
                case 1 -> bytes[20] ^= 0x01;
                case 2 -> bytes[bytes.length - 1] ^= (byte) 0x80;
                case 3 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
                case 4 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                case 5 -> bytes = new byte[0];
                default -> bytes = good.get(entries.get(0));
            }
            Files.write(p, bytes);
        }
        assertArrayEquals(plain, write(stored), "corrupt entries are not used");
        for (Path p : entries) {
            assertArrayEquals(good.get(p), Files.readAllBytes(p), p + " is written anew");
        }
    }

    /**
     * An entry of more than 8 MB of blocks is not kept from its check but read again block by block: it serves a
     * warm build the same, and a flipped bit in it is a miss as in a small one.
     */
    @Test
    void write_entryTooLargeToKeep_isReadAgain_andCheckedTheSame() throws Exception {
        tree = Files.createDirectories(temp.resolve("tree"));
        keys = new TreeMap<>();
        contents = new TreeMap<>();
        byte[] large = new byte[9 << 20]; // random bytes stay as large in the image, stored uncompressed
        new Random(12).nextBytes(large);
        file("usr/lib/large", large, true);
        SquashfsOptions options = options(Compression.GZIP);
        byte[] plain = write(options);
        Path dir = temp.resolve("store");
        SquashfsOptions stored = options.withBlockStore(BlockStore.inDirectory(dir));
        SquashfsWriter.WrittenImage cold = written(stored);
        Path entry = entries(dir).get(0);
        assertTrue(Files.size(entry) > 9 << 20, entry + " holds the blocks");

        SquashfsWriter.WrittenImage warm = written(stored);
        assertEquals(0, warm.blocksCompressed(), warm.toString());
        assertEquals(cold.blocksCompressed(), warm.blocksReused(), cold + " then " + warm);
        assertArrayEquals(plain, write(stored), "the image from the store");

        byte[] good = Files.readAllBytes(entry);
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(entry, flipped);
        SquashfsWriter.WrittenImage again = written(stored);
        assertEquals(cold.blocksCompressed(), again.blocksCompressed(), "a corrupt entry is a miss: " + again);
        assertArrayEquals(good, Files.readAllBytes(entry), "and is written anew");
    }

    @Test
    void write_storeThatCannotBeWritten_stillWritesTheImage() throws Exception {
        tree();
        SquashfsOptions options = options(Compression.LZ4);
        Path notADirectory = Files.writeString(temp.resolve("store"), "a file");
        assertArrayEquals(write(options), write(options.withBlockStore(BlockStore.inDirectory(notADirectory))));
        assertEquals("a file", Files.readString(notADirectory));
    }

    @Test
    void write_twoBuildsAtOnce_shareTheStore() throws Exception {
        tree();
        SquashfsOptions options = options(Compression.XZ).withThreads(1);
        byte[] plain = write(options);
        Path dir = temp.resolve("store");
        SquashfsOptions stored = options.withBlockStore(BlockStore.inDirectory(dir));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<byte[]>> builds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                builds.add(pool.submit(() -> write(stored)));
            }
            for (Future<byte[]> build : builds) {
                assertArrayEquals(plain, build.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, entries(dir).size());
        replace("usr/lib/big");
        assertArrayEquals(plain, write(stored), "the entries written side by side are whole");
    }

    @Test
    void options_blockStore_isNormalised() {
        SquashfsOptions options = SquashfsOptions.defaults();
        assertTrue(options.blockStore().isEmpty());
        assertEquals(BlockStore.inDirectory(temp.resolve("x/../s")), options.withBlockStore(
                BlockStore.inDirectory(temp.resolve("s"))).blockStore().orElseThrow());
    }

    /**
     * Files of many blocks, some incompressible (stored uncompressed), some of zeros (sparse) in the middle and at
     * the end; an exact number of blocks; files smaller than a block (in fragments only); an empty file; a copy of
     * a file; a file without a digest; a hard link whose digest is given for its other name.
     */
    private void tree() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        keys = new TreeMap<>();
        contents = new TreeMap<>();
        Random random = new Random(11);
        byte[] big = new byte[40 * BLOCK + 1000];
        random.nextBytes(big);
        for (int i = 3 * BLOCK; i < 12 * BLOCK; i++) {
            big[i] = (byte) ("squashfs ".charAt(i % 9) + i / 7000);
        }
        java.util.Arrays.fill(big, 20 * BLOCK, 23 * BLOCK, (byte) 0);
        file("usr/lib/big", big, true);
        byte[] blocks = ("three blocks of text\n".repeat(1 + 3 * BLOCK / 21)).substring(0, 3 * BLOCK)
                .getBytes(StandardCharsets.US_ASCII);
        file("usr/lib/blocks", blocks, true);
        byte[] sparseEnd = new byte[2 * BLOCK + 300];
        random.nextBytes(sparseEnd);
        java.util.Arrays.fill(sparseEnd, 2 * BLOCK, sparseEnd.length, (byte) 0);
        file("usr/lib/sparse-end", sparseEnd, true);
        file("usr/lib/zeros", new byte[5 * BLOCK], true);
        file("usr/share/small-1", "small one\n".getBytes(StandardCharsets.US_ASCII), true);
        byte[] almostBlock = new byte[BLOCK - 1];
        random.nextBytes(almostBlock);
        file("usr/share/small-almost-a-block", almostBlock, true);
        file("usr/share/empty", new byte[0], true);
        byte[] copied = new byte[BLOCK + 17];
        random.nextBytes(copied);
        file("opt/copied", copied, true);
        file("opt/copy-of-copied", copied, true);
        byte[] unkeyed = new byte[2 * BLOCK + 5];
        random.nextBytes(unkeyed);
        file("opt/no-key", unkeyed, false);
        // walked first under opt/, the inode gets its digest from its other name
        Files.createLink(tree.resolve("opt/a-link-to-blocks"), tree.resolve("usr/lib/blocks"));
    }

    private void file(String path, byte[] content, boolean keyed) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        contents.put(path, content);
        if (keyed) {
            keys.put(path, sha256(content));
        }
    }

    /** Other bytes of the same length in the file; its digest stays the old content's. */
    private void replace(String path) throws IOException {
        byte[] content = contents.get(path).clone();
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ~content[i];
        }
        Files.write(tree.resolve(path), content);
        contents.put(path, content);
    }

    private static SquashfsOptions options(Compression compression) {
        return SquashfsOptions.defaults().withCompression(compression).withBlockSize(BLOCK).withOwner(0).withTime(0)
                .withThreads(2);
    }

    private byte[] write(SquashfsOptions options) throws Exception {
        Path image = Files.createTempFile(temp, "image", ".sqfs");
        Files.delete(image);
        SquashfsWriter.of(options).write(plan(options), image);
        byte[] bytes = Files.readAllBytes(image);
        Files.delete(image);
        return bytes;
    }

    private SquashfsWriter.WrittenImage written(SquashfsOptions options) throws Exception {
        Path image = Files.createTempFile(temp, "image", ".sqfs");
        Files.delete(image);
        SquashfsWriter.WrittenImage written = SquashfsWriter.of(options).write(plan(options), image);
        Files.delete(image);
        return written;
    }

    /** The tree as a plan whose files with a digest are stored files, as a build makes them from its cache. */
    private ImagePlan plan(SquashfsOptions options) throws Exception {
        ImagePlan.Builder plan = SquashfsWriter.of(options).plan(tree);
        for (Map.Entry<String, String> e : keys.entrySet()) {
            Path file = tree.resolve(e.getKey());
            plan.setContent(ImagePath.of(e.getKey()), new Content.StoredFile(file, Files.size(file), e.getValue()));
        }
        return plan.build();
    }

    /** Our reader, and unsquashfs when it is installed, find these contents in the image. */
    private void assertHolds(byte[] image, Map<String, byte[]> expected) throws Exception {
        try (SquashfsImage fs = SquashfsImage.open(image, "image")) {
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                SquashfsEntry file = fs.lookup("/" + e.getKey()).orElseThrow();
                assertArrayEquals(e.getValue(), fs.readAllBytes(file, 1 << 20), e.getKey());
            }
            assertArrayEquals(expected.get("usr/lib/blocks"),
                    fs.readAllBytes(fs.lookup("/opt/a-link-to-blocks").orElseThrow(), 1 << 20));
        }
        TreeDescription.requireTool("unsquashfs");
        Path file = Files.write(Files.createTempFile(temp, "image", ".sqfs"), image);
        Path extracted = temp.resolve("extracted-" + file.getFileName());
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), file.toString()));
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(extracted.resolve(e.getKey())), e.getKey());
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
