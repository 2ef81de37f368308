package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random trees through our writer, judged by squashfs-tools: {@code unsquashfs -lln} lists what the tree holds and
 * {@code unsquashfs -d} extracts the same tree; our reader reads mksquashfs's image of the tree as it reads ours.
 */
class RoundTripTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void tools() {
        TreeDescription.requireTool("unsquashfs");
        TreeDescription.requireTool("mksquashfs");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void write_randomTree_unsquashfsListsAndExtractsTheSameTree(Compression compression) throws Exception {
        int blockSize = compression == Compression.GZIP ? 131072 : 4096;
        Path tree = RandomTree.generate(Files.createDirectory(temp.resolve("tree")), 42 + compression.ordinal(), 300,
                blockSize);
        Path image = temp.resolve("ours.sqfs");
        SquashfsOptions options = SquashfsOptions.defaults().withCompression(compression).withBlockSize(blockSize);
        SquashfsWriter.of(options).write(tree, image);
        boolean owners = RandomTree.isRoot();

        String listing = TreeDescription.run(List.of("unsquashfs", "-lln", "-UTC", image.toString()));
        TreeDescription.assertSame(TreeDescription.listing(tree), TreeDescription.parseListing(listing), "unsquashfs -lln");

        Path extracted = temp.resolve("extracted");
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), image.toString()));
        List<String> source = TreeDescription.of(tree, owners);
        TreeDescription.assertSame(source, TreeDescription.of(extracted, owners), "unsquashfs -d");

        Path theirs = temp.resolve("theirs.sqfs");
        TreeDescription.run(List.of("mksquashfs", tree.toString(), theirs.toString(), "-no-xattrs", "-quiet",
                "-no-progress", "-comp", compression.label(), "-b", Integer.toString(blockSize)));
        try (SquashfsImage ours = SquashfsImage.open(image); SquashfsImage reference = SquashfsImage.open(theirs)) {
            TreeDescription.assertSame(source, TreeDescription.of(ours, owners), "our reader, our image");
            TreeDescription.assertSame(source, TreeDescription.of(reference, owners), "our reader, mksquashfs's image");
            assertEquals(compression, reference.compression());
        }
        assertTrue(Files.size(image) <= Files.size(theirs) * 1.01, Files.size(image) + " vs " + Files.size(theirs));
    }

    @Test
    void write_directoryOf70000Entries_isIndexedAndReadBack() throws Exception {
        Path tree = RandomTree.wide(Files.createDirectory(temp.resolve("tree")), 7, 70_000);
        Path image = temp.resolve("wide.sqfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0)).write(tree, image);

        String listing = TreeDescription.run(List.of("unsquashfs", "-lln", "-UTC", image.toString()));
        assertEquals(70_002, listing.lines().count());
        Path extracted = temp.resolve("extracted");
        TreeDescription.run(List.of("unsquashfs", "-no-progress", "-d", extracted.toString(), image.toString()));
        TreeDescription.assertSame(TreeDescription.of(tree, false), TreeDescription.of(extracted, false), "unsquashfs -d");
        try (SquashfsImage ours = SquashfsImage.open(image)) {
            SquashfsEntry wide = ours.lookup("/wide-日本").orElseThrow();
            assertEquals(70_000, ours.list(wide).size());
            assertEquals(0, ours.lookup("/wide-日本/entry-" + Integer.toString(50_002, 36)).orElseThrow().size());
        }
    }
}
