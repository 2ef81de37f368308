package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.ImageFormat;
import dev.portajava.jvm.RuntimeCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of the same project, checked out in two directories, give the same image bytes; a change of the
 * application's code gives other bytes. The builds share a runtime cache (as builds on one machine do), in a
 * temporary directory: JDK 17 dumps a start-up archive with other bytes each time, so the archive is taken from it.
 */
class ReproducibleImageTest {

    @TempDir
    static Path cache;

    private static byte[] build(Path checkout, String word) throws Exception {
        return build(checkout, word, true);
    }

    private static byte[] build(Path checkout, String word, boolean startupArchive) throws Exception {
        TestProject project = TestProject.write(checkout, word);
        ServiceImage image = project.image(ImageFormat.SQUASHFS, startupArchive);
        Path target = Files.createDirectories(checkout.resolve("target"));
        new ServiceImageBuild(new RuntimeCache(cache), target.resolve("portajava"), Path.of("/"), 3)
                .build(image, target.resolve(image.fileName()), line -> { });
        return Files.readAllBytes(target.resolve("demo_1.0.raw"));
    }

    @Test
    void build_sameProjectInTwoDirectories_givesTheSameBytes(@TempDir Path one, @TempDir Path two) throws Exception {
        assertArrayEquals(build(one.resolve("checkout"), "again"), build(two.resolve("elsewhere/checkout"), "again"));
    }

    /**
     * The cache keeps the compressed blocks of the images' files: a build after one of other application code takes
     * the unchanged ones from there, and its image has the bytes of a build that compressed everything.
     */
    @Test
    void build_afterAnotherBuild_givesTheBytesOfABuildWithoutKeptBlocks(@TempDir Path one, @TempDir Path two)
            throws Exception {
        build(one, "first", false);
        Path blocks = new RuntimeCache(cache).blocks();
        assertTrue(Files.isDirectory(blocks), "the blocks are kept in the cache: " + blocks);
        byte[] warm = build(two.resolve("warm"), "second", false);
        dev.portajava.work.FileTrees.delete(blocks);
        byte[] cold = build(two.resolve("cold"), "second", false);
        assertArrayEquals(cold, warm);
    }

    @Test
    void build_changedApplication_givesOtherBytes(@TempDir Path one, @TempDir Path two) throws Exception {
        assertFalse(Arrays.equals(build(one, "first"), build(two, "second")));
    }
}
