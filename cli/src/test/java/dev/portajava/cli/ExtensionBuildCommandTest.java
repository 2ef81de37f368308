package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.text.ByteCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portajava build --base}: the samples' runtime and an app extension of it, and what is refused. */
class ExtensionBuildCommandTest {

    private static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("samples");

    @TempDir
    Path temp;

    private final FakeHost host = new FakeHost();
    private Path out;
    private Path runtime;

    @BeforeEach
    void runtime() throws IOException {
        out = Files.createDirectory(temp.resolve("out"));
        runtime = out.resolve("runtime.raw");
        assertEquals(0, Cli.run(host, "build", SAMPLES.resolve("runtime").toString(), "-o", runtime.toString(), "-q")
                .code());
    }

    @Test
    void build_appOneOverTheRuntime_buildsTheExtension() throws IOException {
        Cli cli = Cli.run(host, "build", SAMPLES.resolve("app-one").toString(), "-o", out.resolve("app-one.raw")
                .toString(), "--base", runtime.toString());

        assertEquals(0, cli.code(), cli.err());
        assertEquals("", cli.err());
        Path image = out.resolve("app-one.raw");
        assertTrue(cli.out().contains("Built " + image + " (squashfs, " + ByteCount.of(Files.size(image))
                + ", units: app-one.service)"), cli.out());
    }

    @Test
    void build_appTwoAsDirectoryWithoutBase_warnsAndSuggestsBase() throws IOException {
        Cli cli = Cli.run(host, "build", SAMPLES.resolve("app-two").toString(), "-o", out.resolve("app-two")
                .toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.errLine().contains("ExecStart=/usr/bin/sh: no such program in the extension's /usr or /opt;"
                + " not checked against the base it runs on: give --base IMAGE to check it"), cli.err());
        assertTrue(Files.isRegularFile(out.resolve("app-two/usr/lib/extension-release.d/extension-release.app-two")));
    }

    @Test
    void build_whenBaseIsNoImage_exits2WithOneLineAndWritesNothing() throws IOException {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not an image\n");

        Cli cli = Cli.run(host, "build", SAMPLES.resolve("app-one").toString(), "-o", out.resolve("app-one.raw")
                .toString(), "--base", notes.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + notes + ": not an image for --base: neither a squashfs file system, a GPT disk"
                + " image nor a directory", cli.errLine());
        assertEquals(List.of("runtime.raw"), names(out));
    }

    @Test
    void build_whenTheProgramIsInNeitherImage_exits2AndWritesNothing() throws IOException {
        Path app = copySample("app-one", temp.resolve("app"));
        Files.writeString(app.resolve("app-one.service"), "[Service]\nExecStart=/usr/bin/java -jar /usr/share/app.jar\n");

        Cli cli = Cli.run(host, "build", app.toString(), "-o", out.resolve("app-one.raw").toString(), "--base",
                runtime.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + app.resolve("portable.toml") + ": unit /usr/lib/systemd/system/app-one.service"
                + " line 2 ExecStart=/usr/bin/java: no such program in the extension's /usr or /opt, nor in --base "
                + runtime, cli.errLine());
        assertEquals(List.of("runtime.raw"), names(out));
    }

    @Test
    void build_whenTheBaseLevelDiffers_exits2() throws IOException {
        Path app = copySample("app-one", temp.resolve("app"));
        Files.writeString(app.resolve("portable.toml"), Files.readString(app.resolve("portable.toml"))
                .replace("base-sysext-level = \"1\"", "base-sysext-level = \"2\""));

        Cli cli = Cli.run(host, "build", app.toString(), "-o", out.resolve("app-one.raw").toString(), "--base",
                runtime.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("[extension] base-sysext-level = \"2\", but the base has SYSEXT_LEVEL=1"),
                cli.err());
        assertEquals(List.of("runtime.raw"), names(out));
    }

    @Test
    void build_whenKindIsUnknown_exits2NamingTheKinds() throws IOException {
        Path app = copySample("app-one", temp.resolve("app"));
        Files.writeString(app.resolve("portable.toml"), Files.readString(app.resolve("portable.toml"))
                .replace("kind = \"extension\"", "kind = \"sysext\""));

        Cli cli = Cli.run(host, "build", app.toString(), "-o", out.resolve("app-one.raw").toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + app.resolve("portable.toml") + ": [image] kind = \"sysext\" is not a kind of"
                + " image; use \"portable\" or \"extension\"", cli.errLine());
    }

    @Test
    void build_baseForAPortableImage_exits2() throws IOException {
        Cli cli = Cli.run(host, "build", SAMPLES.resolve("hello").toString(), "-o", out.resolve("hello.raw")
                .toString(), "--base", runtime.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("--base " + runtime + " is for extension images only"), cli.err());
        assertEquals(List.of("runtime.raw"), names(out));
    }

    @Test
    void build_baseWithFrom_exits2AsUsage() {
        Cli cli = Cli.run(host, "build", "--from", "oci:layout", "-o", out.resolve("app.raw").toString(), "--base",
                runtime.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("--base is for extension images, built from a spec, not --from"), cli.err());
    }

    private static Path copySample(String sample, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(SAMPLES.resolve(sample))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
