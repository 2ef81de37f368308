package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.ImageFormat;
import dev.portajava.jvm.RuntimeCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <runtime>shared</runtime>}: real builds of two small projects, each into the runtime's base image and the
 * application's extension image.
 */
class SharedImageBuildTest {

    @TempDir
    static Path cache;
    @TempDir
    static Path projects;
    private static TestProject demo;
    private static TestProject other;

    @BeforeAll
    static void writeProjects() throws IOException {
        demo = TestProject.write(projects.resolve("demo"), "from the extension");
        other = TestProject.write(projects.resolve("other"), "from another app");
    }

    private static SharedImageBuild.Images build(ServiceImage image, Path target, Path cache) throws Exception {
        return new SharedImageBuild(new RuntimeCache(cache), target.resolve("portajava"), Path.of("/"), 3)
                .build(image, Optional.empty(), target, line -> { });
    }

    /**
     * Two applications that need the same modules of the same JDK, built in two places with caches of their own
     * (each links its runtime), get one runtime image: the same name, the same bytes.
     */
    @Test
    void build_twoApplicationsOfTheSameModules_giveTheSameRuntimeImage(@TempDir Path one, @TempDir Path two,
            @TempDir Path otherCache) throws Exception {
        SharedImageBuild.Images first = build(demo.image("demo", ImageFormat.SQUASHFS, true), one, cache);
        SharedImageBuild.Images second = build(other.image("other", ImageFormat.SQUASHFS, true), two, otherCache);
        String name = first.runtime().path().getFileName().toString();
        assertTrue(name.matches("java-runtime_" + Runtime.version().feature() + "-[0-9a-f]{12}\\.raw"), name);
        assertEquals(name, second.runtime().path().getFileName().toString());
        assertArrayEquals(Files.readAllBytes(first.runtime().path()), Files.readAllBytes(second.runtime().path()));
        assertEquals(one.resolve("demo_1.0.raw"), first.application().path());
        assertEquals(two.resolve("other_1.0.raw"), second.application().path());
        assertFalse(Arrays.equals(Files.readAllBytes(first.application().path()),
                Files.readAllBytes(second.application().path())));
    }

    @Test
    void build_directoryFormat_theExtensionHoldsTheApplicationAndUnitButNoRuntime(@TempDir Path target)
            throws Exception {
        SharedImageBuild.Images images = build(demo.image(ImageFormat.DIRECTORY, true), target, cache);
        Path app = images.application().path();
        Path runtime = images.runtime().path();
        assertEquals(target.resolve("demo_1.0"), app);
        String version = runtime.getFileName().toString().substring("java-runtime_".length());

        assertTrue(Files.isRegularFile(app.resolve("usr/lib/demo/app/app.jar")));
        assertTrue(Files.isRegularFile(app.resolve("usr/lib/demo/lib/greeting-1.0.jar")));
        assertTrue(Files.isRegularFile(app.resolve("usr/lib/demo/demo.jsa")), "the start-up archive is the app's");
        String unit = Files.readString(app.resolve("usr/lib/systemd/system/demo.service"));
        assertTrue(unit.contains("ExecStart=/usr/lib/java-runtime/bin/java -XX:SharedArchiveFile=/usr/lib/demo/demo.jsa"
                + " -Xshare:auto -Xmx32m -cp usr/lib/demo/lib/greeting-1.0.jar:usr/lib/demo/app/app.jar demo.Main\n"),
                unit);
        assertTrue(unit.contains("\nTemporaryFileSystem=/var/lib\nStateDirectory=demo\n"), unit);
        String release = Files.readString(app.resolve("usr/lib/extension-release.d/extension-release.demo_1.0"));
        assertTrue(release.contains("ID=java-runtime\n"), release);
        assertTrue(release.contains("VERSION_ID=" + version + "\n"), release);
        assertTrue(release.contains("SYSEXT_SCOPE=portable\n"), release);
        try (Stream<Path> files = Files.walk(app)) {
            List<String> java = files.map(path -> app.relativize(path).toString())
                    .filter(path -> path.endsWith("bin/java") || path.contains("libjvm") || path.contains("libc.so")
                            || path.contains("ld-linux") || path.endsWith("os-release"))
                    .toList();
            assertEquals(List.of(), java, "the extension holds no runtime, no C library, no os-release");
        }

        assertTrue(Files.isExecutable(runtime.resolve("usr/lib/java-runtime/bin/java")));
        assertTrue(Files.isRegularFile(runtime.resolve("lib/x86_64-linux-gnu/libc.so.6")), "the C library");
        String osRelease = Files.readString(runtime.resolve("usr/lib/os-release"));
        assertTrue(osRelease.contains("ID=java-runtime\n") && osRelease.contains("VERSION_ID=" + version + "\n"),
                osRelease);
        assertFalse(Files.exists(runtime.resolve("usr/lib/demo")), "the runtime holds nothing of the application");
        assertTrue(Files.isDirectory(runtime.resolve("var/lib")), "where the extension's unit mounts its tmpfs");
        assertTrue(Files.readString(runtime.resolve("usr/lib/systemd/system/java-runtime.service"))
                .contains("ExecStart=/usr/lib/java-runtime/bin/java -version\n"));
    }

    /**
     * The base's runtime, in its own tree, runs the extension's command line from the extension's root with the
     * extension's archive, which it accepts ({@code -Xshare:on} would stop it otherwise).
     */
    @Test
    void build_startupArchive_isAcceptedByTheBasesRuntime(@TempDir Path target) throws Exception {
        SharedImageBuild.Images images = build(demo.image(ImageFormat.DIRECTORY, true), target, cache);
        Path app = images.application().path();
        List<String> command = new ArrayList<>(List.of(
                images.runtime().path().resolve("usr/lib/java-runtime/bin/java").toString(),
                "-XX:SharedArchiveFile=" + app.resolve("usr/lib/demo/demo.jsa"), "-Xshare:on", "-Xmx32m",
                "-Xlog:class+load", "-cp", "usr/lib/demo/lib/greeting-1.0.jar:usr/lib/demo/app/app.jar", "demo.Main"));
        Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("hello from the extension"), out);
        assertTrue(out.contains("demo.Main source: shared objects file"), "the main class comes from the archive");
    }

    @Test
    void build_applicationNamedAsTheRuntime_isRefused(@TempDir Path target) {
        ServiceImageException e = assertThrows(ServiceImageException.class,
                () -> build(demo.image("java-runtime", ImageFormat.DIRECTORY, false), target, cache));
        assertTrue(e.getMessage().startsWith("java-runtime: is the shared runtime's name"), e.getMessage());
        assertFalse(Files.exists(target.resolve("portajava")), "nothing written");
    }
}
