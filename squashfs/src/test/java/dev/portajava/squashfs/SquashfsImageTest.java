package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Opening a file system inside a larger file, and naming what holds a byte range of it. */
class SquashfsImageTest {

    private static final int BLOCK = 4096;
    private static final long OFFSET = 1 << 20;

    @TempDir
    Path temp;

    @Test
    void open_atOffset_readsTheFileSystemThere() throws Exception {
        Path image = image(Compression.GZIP);
        Path disk = embed(image);
        try (SquashfsImage inside = SquashfsImage.open(disk, OFFSET); SquashfsImage alone = SquashfsImage.open(image)) {
            assertEquals(alone.bytesUsed(), inside.bytesUsed());
            SquashfsEntry payload = inside.lookup("/usr/bin/payload").orElseThrow();
            assertArrayEquals(payload(), inside.readAllBytes(payload, 1 << 20));
            assertEquals("two\n", new String(inside.readAllBytes(inside.lookup("/usr/bin/small-2").orElseThrow(), 100)));
        }
    }

    @Test
    void write_intoAChannelAtAnOffset_givesTheFileBytesThereAndTouchesNothingElse() throws Exception {
        image(Compression.ZSTD); // makes the tree
        SquashfsWriter writer = SquashfsWriter.of(SquashfsOptions.defaults().withCompression(Compression.ZSTD)
                .withBlockSize(BLOCK).withOwner(0).withTime(0).withThreads(2));
        dev.portajava.tree.ImagePlan plan = writer.plan(temp.resolve("tree")).build();
        Path alone = temp.resolve("alone.raw");
        SquashfsWriter.WrittenImage file = writer.write(plan, alone);
        Path disk = temp.resolve("disk.raw");
        byte[] filler = new byte[(int) (OFFSET + file.bytes() + OFFSET)];
        Arrays.fill(filler, (byte) 0xa5);
        Files.write(disk, filler);
        SquashfsWriter.WrittenImage inside;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(disk,
                java.nio.file.StandardOpenOption.WRITE)) {
            inside = writer.write(plan, channel, OFFSET);
        }
        assertEquals(file.bytes(), inside.bytes());
        assertEquals(0, inside.bytes() % 4096);
        byte[] written = Files.readAllBytes(disk);
        assertArrayEquals(Files.readAllBytes(alone), Arrays.copyOfRange(written, (int) OFFSET,
                (int) (OFFSET + inside.bytes())));
        assertArrayEquals(Arrays.copyOf(filler, (int) OFFSET), Arrays.copyOf(written, (int) OFFSET));
        assertArrayEquals(Arrays.copyOfRange(filler, (int) (OFFSET + inside.bytes()), filler.length),
                Arrays.copyOfRange(written, (int) (OFFSET + inside.bytes()), written.length));
        try (SquashfsImage read = SquashfsImage.open(disk, OFFSET)) {
            assertArrayEquals(payload(), read.readAllBytes(read.lookup("/usr/bin/payload").orElseThrow(), 1 << 20));
        }
    }

    @Test
    void open_atOffsetPastTheFileSystem_isCorrupt() throws Exception {
        Path disk = embed(image(Compression.GZIP));
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> SquashfsImage.open(disk, OFFSET + 4096).close());
        assertEquals(disk + " (at byte " + (OFFSET + 4096) + "): not a squashfs image (no 'hsqs' magic)", e.getMessage());
        assertThrows(CorruptImageException.class, () -> SquashfsImage.open(disk, Files.size(disk) + 1).close());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void holderOf_dataBlockAndFragment_namesTheirFiles(Compression compression) throws Exception {
        Path image = image(compression);
        Superblock superblock = Superblock.of(image);
        try (SquashfsImage inside = SquashfsImage.open(embed(image), OFFSET)) {
            long dataStart = superblock.dataStart();
            assertEquals(Optional.of("/usr/bin/payload"), inside.holderOf(dataStart, dataStart + 1));
            assertEquals(Optional.of("/usr/bin/payload"), inside.holderOf(dataStart + 2 * BLOCK, dataStart + 2 * BLOCK + 1));
            // the fragment block, written after the files' blocks, holds both small files and no zero block does
            long inodes = superblock.inodeTable();
            assertEquals(Optional.of("/usr/bin/small-1, /usr/bin/small-2"), inside.holderOf(inodes - 1, inodes));
            assertEquals(Optional.of("/usr/bin/small-1, /usr/bin/small-2 and the squashfs inode table"),
                    inside.holderOf(inodes - 1, inodes + 1));
        }
    }

    @Test
    void holderOf_superblockAndTables_namesThem() throws Exception {
        Path image = image(Compression.ZSTD);
        Superblock superblock = Superblock.of(image);
        try (SquashfsImage fs = SquashfsImage.open(image)) {
            assertEquals(Optional.of("the squashfs superblock"), fs.holderOf(0, 96));
            assertEquals(Optional.of("the squashfs superblock and /usr/bin/payload"), fs.holderOf(0, BLOCK));
            assertEquals(Optional.of("the squashfs inode table"),
                    fs.holderOf(superblock.inodeTable(), superblock.inodeTable() + 1));
            assertEquals(Optional.of("the squashfs directory table"),
                    fs.holderOf(superblock.directoryTable(), superblock.directoryTable() + 1));
            assertEquals(Optional.of("the squashfs fragment table"),
                    fs.holderOf(superblock.fragmentTable(), superblock.fragmentTable() + 1));
            assertEquals(Optional.of("the squashfs id table"), fs.holderOf(superblock.bytesUsed() - 1, superblock.bytesUsed()));
            assertEquals(Optional.of("the squashfs directory table, fragment table, export table and id table"),
                    fs.holderOf(superblock.directoryTable(), superblock.bytesUsed()));
            assertEquals(Optional.empty(), fs.holderOf(superblock.bytesUsed(), superblock.bytesUsed() + BLOCK));
        }
    }

    @Test
    void holderOf_compressorOptions_namesThem() throws Exception {
        Path image = image(SquashfsOptions.defaults().withCompression(Compression.ZSTD).withLevel(3));
        try (SquashfsImage fs = SquashfsImage.open(image)) {
            assertEquals(Optional.of("the squashfs superblock and compression options"), fs.holderOf(90, 100));
            assertEquals(Optional.of("/usr/bin/payload"), fs.holderOf(Superblock.of(image).dataStart(),
                    Superblock.of(image).dataStart() + 1));
        }
    }

    @Test
    void holderOf_damagedInodeTable_namesTheTableOnly() throws Exception {
        byte[] bytes = Files.readAllBytes(image(Compression.GZIP));
        Superblock superblock = Superblock.of(bytes);
        long inodes = superblock.inodeTable();
        for (int i = 2; i < 40; i++) {
            bytes[(int) inodes + i] ^= (byte) 0x5a;
        }
        try (SquashfsImage fs = SquashfsImage.open(bytes, "damaged")) {
            assertEquals(Optional.of("the squashfs inode table"), fs.holderOf(inodes - 1, inodes + 1));
            assertEquals(Optional.empty(), fs.holderOf(superblock.dataStart(), superblock.dataStart() + 1));
        }
    }

    @Test
    void holderOf_notARange_isRefused() throws Exception {
        try (SquashfsImage fs = SquashfsImage.open(image(Compression.GZIP))) {
            assertThrows(IllegalArgumentException.class, () -> fs.holderOf(10, 5));
            assertThrows(IllegalArgumentException.class, () -> fs.holderOf(-1, 5));
        }
    }

    private Path image(Compression compression) throws Exception {
        return image(SquashfsOptions.defaults().withCompression(compression));
    }

    /** /usr/bin/payload of three 4 KiB blocks, two small files in a fragment, a file of zero (sparse) blocks. */
    private Path image(SquashfsOptions options) throws Exception {
        Path tree = temp.resolve("tree");
        if (Files.notExists(tree)) {
            Files.createDirectories(tree.resolve("usr/bin"));
            Files.write(tree.resolve("usr/bin/payload"), payload());
            Files.writeString(tree.resolve("usr/bin/small-1"), "one\n");
            Files.writeString(tree.resolve("usr/bin/small-2"), "two\n");
            Files.write(tree.resolve("usr/bin/a-zeros"), new byte[2 * BLOCK]);
        }
        Path image = Files.createTempFile(temp, "fs", ".raw");
        Files.delete(image);
        SquashfsWriter.of(options.withBlockSize(BLOCK).withOwner(0).withTime(0).withThreads(1)).write(tree, image);
        return image;
    }

    private static byte[] payload() {
        byte[] payload = new byte[3 * BLOCK];
        new Random(7).nextBytes(payload);
        return payload;
    }

    /** The image 1 MiB into a larger file, with bytes that are not zero before and after it. */
    private Path embed(Path image) throws Exception {
        Path disk = Files.createTempFile(temp, "disk", ".raw");
        byte[] filler = new byte[(int) OFFSET];
        Arrays.fill(filler, (byte) 0xa5);
        try (OutputStream out = Files.newOutputStream(disk)) {
            out.write(filler);
            out.write(Files.readAllBytes(image));
            out.write(filler, 0, 3 * BLOCK);
        }
        return disk;
    }

    /** The positions a test needs, read straight from the image's superblock. */
    private record Superblock(long bytesUsed, long inodeTable, long directoryTable, long fragmentTable,
            long dataStart) {

        static Superblock of(Path image) throws Exception {
            return of(Files.readAllBytes(image));
        }

        static Superblock of(byte[] image) {
            ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            boolean options = (b.getShort(24) & 0x0400) != 0;
            return new Superblock(b.getLong(40), b.getLong(64), b.getLong(72), b.getLong(80),
                    options ? 96 + 2 + (b.getShort(96) & 0x7fff) : 96);
        }
    }
}
