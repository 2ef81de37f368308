package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageFormat;
import dev.portajava.jvm.RuntimeCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds real images of a small project with the JDK that runs the tests; one runtime cache, in a temporary
 * directory, serves every build.
 */
class ServiceImageBuildTest {

    @TempDir
    static Path cache;
    @TempDir
    static Path projects;
    private static TestProject project;

    @BeforeAll
    static void writeProject() throws IOException {
        project = TestProject.write(projects.resolve("demo"), "from the image");
    }

    private static BuiltImage build(ServiceImage image, Path directory) throws Exception {
        Files.createDirectories(directory);
        ServiceImageBuild build = new ServiceImageBuild(new RuntimeCache(cache), directory.resolve("work"),
                Path.of("/"), 3);
        return build.build(image, directory.resolve(image.fileName()), line -> { });
    }

    @Test
    void build_directoryFormat_laysTheRuntimeJarsArchiveAndUnit(@TempDir Path target) throws Exception {
        BuiltImage built = build(project.image(ImageFormat.DIRECTORY, true), target);
        Path image = built.path();
        assertEquals(target.resolve("demo_1.0"), image);
        assertTrue(Files.isExecutable(image.resolve("usr/lib/demo/runtime/bin/java")));
        assertFalse(Files.exists(target.resolve("work/root/usr/lib/demo/runtime")),
                "the image's runtime is read from the cache, not copied to the build's tree first");
        assertArrayEquals(Files.readAllBytes(project.dependency()),
                Files.readAllBytes(image.resolve("usr/lib/demo/lib/greeting-1.0.jar")), "a dependency is copied as is");
        assertTrue(Files.isRegularFile(image.resolve("usr/lib/demo/app/app.jar")));
        assertTrue(Files.isRegularFile(image.resolve("lib64/ld-linux-x86-64.so.2")), "the loader the runtime names");
        assertTrue(Files.isRegularFile(image.resolve("lib/x86_64-linux-gnu/libc.so.6")), "the C library");
        String unit = Files.readString(image.resolve("usr/lib/systemd/system/demo.service"));
        assertTrue(unit.contains("ExecStart=/usr/lib/demo/runtime/bin/java -XX:SharedArchiveFile=/usr/lib/demo/demo.jsa"
                + " -Xshare:auto -Xmx32m -cp usr/lib/demo/lib/greeting-1.0.jar:usr/lib/demo/app/app.jar demo.Main\n"),
                unit);
        assertTrue(unit.contains("\nWorkingDirectory=/\n"), unit);
        assertTrue(unit.contains("\nEnvironment=\"GREETING_MODE=plain\"\n"), unit);
        assertTrue(unit.contains("\nStateDirectory=demo\nDynamicUser=yes\n"), unit);
        assertTrue(Files.readString(image.resolve("usr/lib/os-release")).contains("PORTAJAVA_PROFILE=trusted"));
        assertFalse(Files.exists(image.resolve("usr/lib/demo/runtime/include")), "no header files");
        assertFalse(Files.exists(image.resolve("usr/lib/demo/runtime/man")), "no man pages");
    }

    /** The image's own runtime runs the service's command line from the image's root, its archive accepted. */
    @Test
    void build_startupArchive_isAcceptedByTheImagesRuntime(@TempDir Path target) throws Exception {
        Path image = build(project.image(ImageFormat.DIRECTORY, true), target).path();
        List<String> command = new ArrayList<>(List.of(image.resolve("usr/lib/demo/runtime/bin/java").toString(),
                "-XX:SharedArchiveFile=" + image.resolve("usr/lib/demo/demo.jsa"), "-Xshare:on", "-Xmx32m",
                "-Xlog:class+load", "-cp", "usr/lib/demo/lib/greeting-1.0.jar:usr/lib/demo/app/app.jar", "demo.Main"));
        Process process = new ProcessBuilder(command).directory(image.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("hello from the image"), out);
        assertTrue(out.contains("demo.Main source: shared objects file"), "the main class comes from the archive");
    }

    @Test
    void build_withoutStartupArchive_runsJavaWithoutOne(@TempDir Path target) throws Exception {
        Path image = build(project.image(ImageFormat.DIRECTORY, false), target).path();
        assertFalse(Files.exists(image.resolve("usr/lib/demo/demo.jsa")));
        assertFalse(Files.readString(image.resolve("usr/lib/systemd/system/demo.service")).contains("SharedArchive"));
    }

    /** A main class the class path does not hold is refused before the work directory or image is written. */
    @Test
    void build_mainClassNotInTheClassPath_isRefusedAndNothingWritten(@TempDir Path target) throws Exception {
        ServiceImage good = project.image(ImageFormat.SQUASHFS, true);
        ServiceImage missing = new ServiceImage(good.name(), good.version(), good.prettyName(), good.application(),
                "demo.Missing", good.dependencies(), good.jvmFlags(), good.environment(), good.extraDirectories(),
                good.profile(), good.format(), good.raw(), true, good.epoch());
        ServiceImageException e = assertThrows(ServiceImageException.class, () -> build(missing, target));
        assertEquals("demo: mainClass 'demo.Missing' is not in the application's class path (app.jar and its 1"
                + " dependency): no demo/Missing.class in it", e.getMessage());
        assertFalse(Files.exists(target.resolve("work")), "no work tree");
        assertFalse(Files.exists(target.resolve("demo_1.0.raw")), "no image");
    }

    /** The main class may be in a dependency, a jar or a directory of classes, as java finds it. */
    @Test
    void mainClassCheck_classInADependency_passes(@TempDir Path classes) throws Exception {
        ServiceImage good = project.image(ImageFormat.SQUASHFS, true);
        ServiceImage inDependency = new ServiceImage(good.name(), good.version(), good.prettyName(),
                good.application(), "demo.Greeting", good.dependencies(), good.jvmFlags(), good.environment(),
                good.extraDirectories(), good.profile(), good.format(), good.raw(), true, good.epoch());
        assertDoesNotThrow(() -> MainClassCheck.require(inDependency));
        Files.write(Files.createDirectories(classes.resolve("other")).resolve("Tool.class"), new byte[] {1});
        ServiceImage inDirectory = new ServiceImage(good.name(), good.version(), good.prettyName(),
                good.application(), "other.Tool", List.of(good.dependencies().get(0), classes), good.jvmFlags(),
                good.environment(), good.extraDirectories(), good.profile(), good.format(), good.raw(), true,
                good.epoch());
        assertDoesNotThrow(() -> MainClassCheck.require(inDirectory));
    }

    @Test
    void new_trainingSecondsNotPositive_isRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceImageBuild(new RuntimeCache(cache), cache.resolve("work"), Path.of("/"), 0));
        assertEquals("trainingSeconds 0 is not a positive number of seconds", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SharedImageBuild(new RuntimeCache(cache), cache.resolve("work"), Path.of("/"), -1));
    }

    /** The project's portable.toml adds its entries and os-release fields to the plugin's image. */
    @Test
    void build_withProjectSpec_addsItsContent(@TempDir Path target) throws Exception {
        Path projectDirectory = Files.createDirectories(target.resolve("project"));
        Files.writeString(Files.createDirectories(projectDirectory.resolve("etc")).resolve("demo.conf"), "port=1\n");
        Path spec = Files.writeString(projectDirectory.resolve("portable.toml"), """
                [os-release]
                VERSION_CODENAME = "first"

                [[file]]
                from = "etc/demo.conf"
                to = "/etc/demo.conf"

                [[directory]]
                path = "/srv/demo"

                [health]
                command = "test -d /srv/demo"
                """);
        ServiceImageBuild build = new ServiceImageBuild(new RuntimeCache(cache), target.resolve("work"),
                Path.of("/"), 3);
        ServiceImage demo = project.image(ImageFormat.DIRECTORY, false);
        Path image = build.build(demo, ProjectSpec.in(projectDirectory), target.resolve(demo.fileName()), line -> { })
                .path();
        assertEquals(Optional.of(spec), ProjectSpec.in(projectDirectory));
        assertEquals("port=1\n", Files.readString(image.resolve("etc/demo.conf")));
        assertTrue(Files.isDirectory(image.resolve("srv/demo")));
        assertTrue(Files.isExecutable(image.resolve("usr/lib/demo/runtime/bin/java")), "the plugin's tree is there");
        String release = Files.readString(image.resolve("usr/lib/os-release"));
        assertTrue(release.contains("VERSION_CODENAME=first"), release);
        assertTrue(release.contains("PORTAJAVA_PROFILE=trusted"), release);
        assertTrue(release.contains("PORTAJAVA_HEALTH_COMMAND="), release);
    }
}
