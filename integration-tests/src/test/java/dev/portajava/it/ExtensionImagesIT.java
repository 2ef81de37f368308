package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Extension images judged by systemd's own tools on systemd 252, 257 and 262: {@code systemd-dissect} must call the
 * samples' raw app extension (squashfs and ddi) an extension for portable services ("extension for portable service" in 252, "sysext
 * for portable service" since), and portabled must read it, raw and as a directory image, over the samples' runtime
 * ({@code portablectl inspect --extension}; systemd-dissect reads no directory on these versions). An extension
 * whose release file carries another name is found by systemd only through its
 * {@code user.extension-release.strict=false} xattr.
 */
class ExtensionImagesIT {

    private static final Pattern PORTABLE_EXTENSION =
            Pattern.compile("\u2713 (extension|sysext|sysext extension) for portable service");

    @TempDir
    Path temp;

    @ParameterizedTest
    @OnEverySystemd({"squashfs", "ddi"})
    void systemdDissect_ofARawAppExtension_callsItAnExtensionForPortableService(SystemdImage version, String format) {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Portajava portajava = Portajava.against(systemd);
        Path runtime = portajava.buildSample("runtime", systemd.imagesDir(), "runtime.raw");
        Path app = portajava.buildSample("app-one", systemd.imagesDir(), "app-one.raw", "--base", runtime.toString(),
                "--format", format);

        String dissect = systemd.run("systemd-dissect", app.toString());

        assertTrue(PORTABLE_EXTENSION.matcher(dissect).find(), dissect);
        assertTrue(dissect.contains("\u2717 portable service"), "no os-release: " + dissect);
        assertTrue(dissect.contains("ID=runtime") && dissect.contains("SYSEXT_LEVEL=1")
                && dissect.contains("SYSEXT_SCOPE=portable") && dissect.contains("PORTABLE_PREFIXES=app-one"), dissect);
    }

    @ParameterizedTest
    @OnEverySystemd({"squashfs", "directory"})
    void portablectlInspect_ofAnAppExtensionOverTheRuntime_readsItsReleaseAndUnit(SystemdImage version,
            String format) {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Portajava portajava = Portajava.against(systemd);
        Path runtime = portajava.buildSample("runtime", systemd.imagesDir(), "runtime.raw");
        Path app = portajava.buildSample("app-two", systemd.imagesDir(),
                format.equals("squashfs") ? "app-two.raw" : "app-two", "--base", runtime.toString(),
                "--format", format);

        String inspect = systemd.run("portablectl", "inspect", "--extension", app.toString(), runtime.toString(),
                "app-two");

        assertTrue(inspect.contains("Extension Scope:\n\t\tportable\n"), inspect);
        assertTrue(inspect.contains("Portable Service:\n\t\tapp-two 1.0\n"), inspect);
        assertTrue(inspect.contains("Unit files:\n\tapp-two.service\n"), inspect);
        if (version.version() >= 257) {
            assertTrue(inspect.contains("Extension Image:\n\t\tID: app-two Version: 1.0\n"), inspect);
        }
    }

    @ParameterizedTest
    @OnEverySystemd({"false,true", ",false"})
    void systemdDissect_ofAReleaseNamedOtherwise_findsItOnlyWhenNotStrict(SystemdImage version, String strict,
            boolean found) throws IOException {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Portajava portajava = Portajava.against(systemd);
        Path spec = copy(Portajava.SAMPLES.resolve("app-one"), temp.resolve("app-one"));
        Files.writeString(spec.resolve("portable.toml"), Files.readString(spec.resolve("portable.toml"))
                .replace("[extension]\n", "[extension]\nrelease-name = \"app-one-renamed\"\n"
                        + (strict.isEmpty() ? "" : "strict = " + strict + "\n")));
        Path app = systemd.imagesDir().resolve("app-one.raw");
        portajava.run("build", spec.toString(), "-o", app.toString(), "--force").assertOk();

        ExecResult dissect = systemd.exec("systemd-dissect", app.toString());

        String out = dissect.getStdout() + dissect.getStderr();
        assertEquals(found, PORTABLE_EXTENSION.matcher(out).find(), out);
        assertEquals(found, out.contains("SYSEXT_SCOPE=portable"), out);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
