package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One runtime shared by many apps, as the README shows it: the samples built with the real command (the runtime as
 * the base, app-one and app-two as extensions of it, built with {@code --base}), both apps attached at once under
 * the {@code default} profile with {@code --now}, each with {@code --extension} over the same runtime image; then
 * app-one upgraded to a version 2 with {@code reattach --extension app-one_2.raw} while app-two keeps running, and
 * both detached with {@code --now} and nothing left, app-two after its image file was deleted. With both backends on systemd 252, and through portabled on 257 and 262.
 */
class SharedRuntimeIT {

    /** One version's images: the runtime, the two apps, and app-one's version 2. */
    private record Images(Path runtime, Path appOne, Path appTwo, Path appOne2) {
    }

    private static final Map<SystemdImage, Images> IMAGES = new EnumMap<>(SystemdImage.class);

    private SystemdContainer systemd;
    private Images images;

    static Stream<Arguments> backends() {
        return Stream.of(Arguments.of(SystemdImage.BOOKWORM, "portabled"), Arguments.of(SystemdImage.BOOKWORM, "native"),
                Arguments.of(SystemdImage.TRIXIE, "portabled"), Arguments.of(SystemdImage.SID, "portabled"));
    }

    private void on(SystemdImage version) {
        systemd = SystemdContainer.shared(version);
        images = IMAGES.computeIfAbsent(version, v -> build(systemd));
        if (!Files.exists(images.appTwo())) { // deleted by an earlier run
            Portajava.against(systemd).buildSample("app-two", images.appTwo().getParent(), "app-two.raw", "--base",
                    images.runtime().toString());
        }
    }

    /**
     * The samples built as the README builds them, and app-one 2.0: a copy of its sample, its version bumped, its
     * release file named after its versioned file name {@code app-one_2.raw}, as portabled looks for it.
     */
    private static Images build(SystemdContainer systemd) {
        Portajava portajava = Portajava.against(systemd);
        try {
            Path dir = Files.createDirectories(systemd.imagesDir().resolve("shared-runtime"));
            Path runtime = portajava.buildSample("runtime", dir, "runtime.raw");
            Path appOne = portajava.buildSample("app-one", dir, "app-one.raw", "--base", runtime.toString());
            Path appTwo = portajava.buildSample("app-two", dir, "app-two.raw", "--base", runtime.toString());
            Path spec = Files.createDirectories(dir.resolve("app-one-2.0"));
            for (String file : List.of("portable.toml", "app-one.service", "run.sh")) {
                String text = Files.readString(Portajava.SAMPLES.resolve("app-one").resolve(file));
                Files.writeString(spec.resolve(file), switch (file) {
                    case "portable.toml" -> text.replace("version = \"1.0\"", "version = \"2.0\"")
                            .replace("[extension]\n", "[extension]\nrelease-name = \"app-one_2\"\n");
                    case "run.sh" -> text.replace("app-one 1.0", "app-one 2.0");
                    default -> text;
                });
            }
            Path appOne2 = dir.resolve("app-one_2.raw");
            portajava.run("build", spec.toString(), "-o", appOne2.toString(), "--base", runtime.toString(), "--force")
                    .assertOk();
            return new Images(runtime, appOne, appTwo, appOne2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void detachLeftovers() {
        if (systemd == null) {
            return;
        }
        systemd.exec("sh", "-c", "systemctl stop app-one.service app-two.service; for e in " + images.appOne() + " "
                + images.appTwo() + "; do portablectl detach --extension $e " + images.runtime() + "; done; true");
    }

    @ParameterizedTest(name = "systemd {0}, {1}")
    @MethodSource("backends")
    void twoAppsOnOneRuntime_runAtOnce_andOneIsUpgradedWhileTheOtherKeepsRunning(SystemdImage version,
            String backend) throws IOException {
        on(version);
        String runtime = images.runtime().toString();
        systemd.portajava("attach", "--backend", backend, "--profile", "default", "--now", "--extension",
                images.appOne().toString(), runtime, "app-one").assertOk();
        systemd.portajava("attach", "--backend", backend, "--profile", "default", "--now", "--extension",
                images.appTwo().toString(), runtime, "app-two").assertOk();

        String one = says("app-one", "app-one 1.0 running on the shared runtime");
        String two = says("app-two", "app-two 1.0 running on the shared runtime");
        for (String app : List.of("app-one", "app-two")) {
            assertEquals(runtime, systemd.unitProperty(app + ".service", "RootImage"), app + " runs from the runtime");
        }
        assertTrue(systemd.unitProperty("app-one.service", "ExtensionImages").contains(images.appOne().toString()));
        assertTrue(systemd.unitProperty("app-two.service", "ExtensionImages").contains(images.appTwo().toString()));
        String twoPid = systemd.unitProperty("app-two.service", "MainPID");

        systemd.portajava("reattach", "--backend", backend, "--profile", "default", "--now", "--extension",
                images.appOne2().toString(), runtime, "app-one").assertOk();

        String upgraded = says("app-one", "app-one 2.0 running on the shared runtime");
        assertTrue(!upgraded.equals(one), "app-one was restarted");
        assertTrue(systemd.unitProperty("app-one.service", "ExtensionImages").contains(images.appOne2().toString()));
        assertEquals(two, systemd.unitProperty("app-two.service", "InvocationID"), "app-two was not restarted");
        assertEquals(twoPid, systemd.unitProperty("app-two.service", "MainPID"));
        assertEquals("running", systemd.unitProperty("app-two.service", "SubState"));

        systemd.portajava("detach", "--backend", backend, "--now", "--extension", images.appOne2().toString(),
                runtime).assertOk();
        assertEquals("running", systemd.unitProperty("app-two.service", "SubState"), "app-two outlives app-one");
        Files.delete(images.appTwo()); // its service keeps running from the image it mounted
        Portajava.Result detach = systemd.portajava("detach", "--backend", backend, "--now", "--extension",
                images.appTwo().toString(), runtime).assertOk();
        assertTrue(detach.out().contains("Stopped app-two.service"), detach.out());
        for (String name : List.of("app-one", "app-two", "runtime")) {
            AttachProfilesIT.assertNothingLeft(systemd, name);
        }
    }

    /**
     * Waits up to ten seconds for the running invocation of {@code app}'s service to log {@code line}, and returns
     * that invocation's id.
     */
    private String says(String app, String line) {
        String unit = app + ".service";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String invocation = systemd.unitProperty(unit, "InvocationID");
            String logged = invocation.isEmpty() ? "" : systemd.exec("journalctl", "--no-pager", "-o", "cat",
                    "_SYSTEMD_INVOCATION_ID=" + invocation).getStdout();
            if (logged.contains(line) && "running".equals(systemd.unitProperty(unit, "SubState"))) {
                return invocation;
            }
            if (System.nanoTime() > deadline) {
                String status = systemd.exec("systemctl", "status", "--no-pager", unit).getStdout();
                throw new AssertionError(unit + " did not log '" + line + "' in its running invocation: " + status);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
