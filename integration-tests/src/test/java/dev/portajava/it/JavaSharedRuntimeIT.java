package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * samples/java-http built with {@code <runtime>shared</runtime>} by the reactor, under two names and ports: one
 * runtime image ({@code target/java-runtime_….raw}, written by both builds) and two extension images of it. On
 * systemd 252 both services are attached over the one runtime image, each with {@code --extension}, and answer at
 * once from the runtime's {@code java} with their own start-up archive mapped; detach leaves nothing.
 */
class JavaSharedRuntimeIT {

    private static final List<String> APPS = List.of("java-http-one", "java-http-two");
    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @Test
    void twoServicesOnOneRuntimeImage_bothAnswer_withTheirStartupArchives_andDetachLeavesNothing() throws Exception {
        Path target = Path.of(System.getProperty("portajava.javaHttpTarget"));
        List<Path> runtimes;
        try (Stream<Path> files = Files.list(target)) {
            runtimes = files.filter(f -> f.getFileName().toString().matches("java-runtime_[0-9]+-[0-9a-f]{12}\\.raw"))
                    .toList();
        }
        assertEquals(1, runtimes.size(), "both builds wrote the one runtime image: " + runtimes);
        Path runtime = copied(runtimes.get(0));
        List<Path> extensions = List.of(copied(extension(target, APPS.get(0))), copied(extension(target, APPS.get(1))));
        List<Portajava.Result> detached = new ArrayList<>();
        try {
            for (int i = 0; i < APPS.size(); i++) {
                // in the container: portajava installs its jit profile where that machine's portabled looks
                Portajava.Result attach = systemd.portajava("attach", runtime.toString(), APPS.get(i), "--extension",
                        extensions.get(i).toString(), "--profile", "jit", "--now");
                assertEquals(0, attach.exitCode(), attach.err() + systemd.journal(APPS.get(i) + ".service"));
            }
            assertTrue(get(8081).contains("<p>request 1</p>"), "java-http-one answers");
            assertTrue(get(8082).contains("<p>request 1</p>"), "java-http-two answers, with its own counter");
            assertTrue(get(8081).contains("<p>request 2</p>"));
            assertEquals("2", systemd.run("cat", "/var/lib/private/java-http-one/count").strip(),
                    "the state is on the host, in the service's StateDirectory=, not in the tmpfs under it");
            for (int i = 0; i < APPS.size(); i++) {
                String unit = APPS.get(i) + ".service";
                assertEquals("running", systemd.unitProperty(unit, "SubState"));
                assertEquals(runtime.toString(), systemd.unitProperty(unit, "RootImage"), "runs from the runtime");
                assertTrue(systemd.unitProperty(unit, "ExtensionImages").contains(extensions.get(i).toString()));
                String pid = systemd.unitProperty(unit, "MainPID");
                String maps = systemd.run("cat", "/proc/" + pid + "/maps");
                assertTrue(maps.contains("/usr/lib/java-runtime/lib/server/libjvm.so"), "the base's JVM runs it");
                assertTrue(maps.contains("/usr/lib/" + APPS.get(i) + "/" + APPS.get(i) + ".jsa"),
                        "the JVM mapped the extension's start-up archive");
            }
            String images = systemd.run("portablectl", "list", "--no-legend");
            assertEquals(1, images.lines().filter(line -> line.contains("java-runtime_")).count(),
                    "the host has one runtime image: " + images);
        } finally {
            for (int i = 0; i < APPS.size(); i++) {
                detached.add(portajava.run("detach", runtime.toString(), "--extension", extensions.get(i).toString(),
                        "--now"));
                systemd.run("rm", "-rf", "/var/lib/private/" + APPS.get(i), "/var/lib/" + APPS.get(i));
            }
            systemd.run("rm", "-rf", "/etc/systemd/portable/profile/jit"); // installed by the first attach
        }
        detached.forEach(Portajava.Result::assertOk);
        for (String name : List.of(APPS.get(0), APPS.get(1), "java-runtime")) {
            AttachProfilesIT.assertNothingLeft(systemd, name);
        }
        assertTrue(systemd.exec("sh", "-c", "portablectl list --no-legend | grep java-")
                .getStdout().isBlank(), "no image is left attached");
    }

    private static Path extension(Path target, String name) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(name + "_")
                    && f.getFileName().toString().endsWith(".raw")).toList();
            assertEquals(1, found.size(), name + " is built by the reactor (samples/java-http): " + found);
            return found.get(0);
        }
    }

    private static Path copied(Path built) throws IOException {
        return Files.copy(built, systemd.imagesDir().resolve(built.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** GET / on 127.0.0.1:{@code port} in the container, once the service answers (at most 10 s). */
    private static String get(int port) throws InterruptedException {
        String request = "exec 3<>/dev/tcp/127.0.0.1/" + port + "; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3";
        ExecResult result = null;
        for (int i = 0; i < 100; i++) {
            result = systemd.exec("bash", "-c", request);
            if (result.getExitCode() == 0 && !result.getStdout().isEmpty()) {
                return result.getStdout();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing answered on 127.0.0.1:" + port + ": " + result.getStderr() + "\n"
                + systemd.journal("java-http-one.service") + systemd.journal("java-http-two.service"));
    }
}
