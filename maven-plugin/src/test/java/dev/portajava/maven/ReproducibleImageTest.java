package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
        TestProject project = TestProject.write(checkout, word);
        ServiceImage image = project.image(ImageFormat.SQUASHFS, true);
        Path target = Files.createDirectories(checkout.resolve("target"));
        new ServiceImageBuild(new RuntimeCache(cache), target.resolve("portajava"), Path.of("/"), 3)
                .build(image, target.resolve(image.fileName()), line -> { });
        return Files.readAllBytes(target.resolve("demo_1.0.raw"));
    }

    @Test
    void build_sameProjectInTwoDirectories_givesTheSameBytes(@TempDir Path one, @TempDir Path two) throws Exception {
        assertArrayEquals(build(one.resolve("checkout"), "again"), build(two.resolve("elsewhere/checkout"), "again"));
    }

    @Test
    void build_changedApplication_givesOtherBytes(@TempDir Path one, @TempDir Path two) throws Exception {
        assertFalse(Arrays.equals(build(one, "first"), build(two, "second")));
    }
}
