package dev.portajava.builder;

import static dev.portajava.builder.OciLayoutFixture.Entry.file;
import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.oci.CacheDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --force} may replace: only an image (a regular file, or a directory with an os-release of its own),
 * never one of the build's inputs, never the root. Every refusal leaves every file as it was, byte for byte, and
 * happens before anything is written or fetched.
 */
class OutputReplacementTest {

    @TempDir
    Path temp;

    private Path project;
    private Path spec;
    private Path cache;

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectory(temp.resolve("proj"));
        spec = Files.createDirectory(project.resolve("app"));
        helloDir(spec, """
                [[copy]]
                from = "rootfs"

                [[file]]
                from = "payload.bin"
                to = "/srv/payload.bin"
                """);
        write(spec.resolve("rootfs/usr/lib/os-release"), "ID=mine\n");
        write(spec.resolve("rootfs/srv/index.html"), "<p>hi</p>\n");
        write(spec.resolve("payload.bin"), "payload\n");
        write(project.resolve("sibling/portable.toml"), "[image]\nname = \"sibling\"\n");
        write(project.resolve("sibling/data/keep.txt"), "precious\n");
        cache = temp.resolve("cache");
        write(cache.resolve("portajava/blobs/sha256/x.raw"), "a cached blob\n");
    }

    @Test
    void build_whenForceAndOutputHoldsTheSpecDirectory_refusesAndKeepsEveryFile() throws Exception {
        InvalidOutputException e = assertRefused(project);

        assertTrue(e.getMessage().startsWith(project + ": holds " + spec), e.getMessage());
    }

    @Test
    void build_whenForceAndOutputIsTheSpecFile_refuses() throws Exception {
        InvalidOutputException e = assertRefused(spec.resolve("portable.toml"));

        assertTrue(e.getMessage().contains(": is " + spec.resolve("portable.toml") + ", which this build reads"),
                e.getMessage());
    }

    @Test
    void build_whenForceAndOutputIsACopiedTreeThatLooksLikeAnImage_refuses() throws Exception {
        InvalidOutputException e = assertRefused(spec.resolve("rootfs"));

        assertTrue(e.getMessage().contains("is " + spec.resolve("rootfs")), e.getMessage());
        assertTrue(e.getMessage().contains("--force never replaces an input"), e.getMessage());
    }

    @Test
    void build_whenForceAndOutputIsAFileSource_refuses() throws Exception {
        assertRefused(spec.resolve("payload.bin"));
    }

    @Test
    void build_whenForceAndOutputLiesInsideTheSpecDirectory_refuses() throws Exception {
        write(spec.resolve("old.raw"), "an image built before\n");

        InvalidOutputException e = assertRefused(spec.resolve("old.raw"));

        assertTrue(e.getMessage().contains("lies inside " + spec), e.getMessage());
    }

    @Test
    void build_whenForceAndOutputLiesInsideTheCache_refuses() throws Exception {
        InvalidOutputException e = assertRefused(cache.resolve("portajava/blobs/sha256/x.raw"));

        assertTrue(e.getMessage().contains("lies inside " + cache.resolve("portajava")), e.getMessage());
    }

    @Test
    void build_whenForceAndOutputIsADirectoryWithoutOsRelease_refuses() throws Exception {
        InvalidOutputException e = assertRefused(project.resolve("sibling"));

        assertTrue(e.getMessage().contains("a directory without an os-release, not an image"), e.getMessage());
    }

    @Test
    void build_whenForceAndTheOutputsOsReleaseIsALinkOutOfIt_refuses() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other/etc"));
        write(other.resolve("os-release"), "ID=other\n");
        Path output = Files.createDirectories(temp.resolve("out/image/etc"));
        Files.createSymbolicLink(output.resolve("os-release"), other.resolve("os-release"));

        assertRefused(output.getParent());
    }

    @Test
    void build_whenForceAndOutputIsASymlink_refuses() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("hello.raw"), spec.resolve("payload.bin"));

        InvalidOutputException e = assertRefused(link);

        assertTrue(e.getMessage().contains("is a symbolic link, not an image"), e.getMessage());
    }

    @Test
    void build_whenOutputIsTheRoot_refusesWithOrWithoutForce() throws Exception {
        for (boolean force : List.of(false, true)) {
            InvalidOutputException e = assertThrows(InvalidOutputException.class,
                    () -> plan().withForce(force).build(Path.of("/")));
            assertEquals("/: the output may not be the root directory", e.getMessage());
        }
    }

    @Test
    void build_whenForceAndOutputIsADirectoryImage_replacesIt() throws Exception {
        Path output = temp.resolve("hello");
        write(output.resolve("usr/lib/os-release"), "ID=hello\n");
        write(output.resolve("stale"), "old\n");

        plan().withForce(true).build(output);

        assertFalse(Files.exists(output.resolve("stale")));
        assertTrue(Files.readString(output.resolve("usr/lib/os-release")).contains("IMAGE_VERSION=1.0"));
    }

    @Test
    void build_whenForceAndOutputIsAFile_replacesIt() throws Exception {
        Path output = write(temp.resolve("hello.raw"), "an old image\n");

        BuiltImage image = plan().withForce(true).build(output);

        assertTrue(image.sha256().isPresent());
        assertFalse(Files.readString(output, java.nio.charset.StandardCharsets.ISO_8859_1).contains("an old image"));
    }

    @Test
    void build_whenForceAndOutputIsTheBaseImageArchive_refusesBeforeFetchingAnything() throws Exception {
        Path layout = new OciLayoutFixture(Files.createDirectories(temp.resolve("layout")))
                .layer(file("etc/os-release", 0644, "ID=base\n"), file("bin/tool", 0755, "#!/bin/sh\n"))
                .write(Map.of("Cmd", List.of("/bin/tool")));
        Map<Path, String> before = TreeSnapshot.of(temp);
        ImageBuilder plan = ImageBuilder.fromImage("oci:" + layout, "app", "1.0", false)
                .withBaseImageOptions(options()).withForce(true);

        InvalidOutputException e = assertThrows(InvalidOutputException.class,
                () -> plan.withFormat(ImageFormat.DIRECTORY).build(layout.resolve("index.json")));

        assertTrue(e.getMessage().contains("lies inside " + layout), e.getMessage());
        assertEquals(before, TreeSnapshot.of(temp), "nothing fetched into the cache, nothing written");
    }

    private ImageBuilder plan() throws InvalidSpecException {
        return ImageBuilder.load(spec).withBaseImageOptions(options());
    }

    private BaseImageOptions options() {
        return new BaseImageOptions(new CacheDirectory(cache.resolve("portajava")), "amd64", Set.of(),
                Optional.empty());
    }

    /** Builds with --force to {@code output}, expects a one-line refusal, and checks that no file changed. */
    private InvalidOutputException assertRefused(Path output) throws IOException {
        Map<Path, String> before = TreeSnapshot.of(temp);
        InvalidOutputException e = assertThrows(InvalidOutputException.class,
                () -> plan().withForce(true).build(output));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(output + ": "), e.getMessage());
        assertEquals(before, TreeSnapshot.of(temp), "every file as it was, nothing added");
        return e;
    }
}
