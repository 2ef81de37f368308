package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Extension images layered on a portable image, on the real portabled of every systemd version the tests know, after
 * upstream's portable service tests: one extension and two, raw and directory images, a versioned extension file
 * name, a release file named otherwise than the image. The native backend writes the very bytes portabled writes,
 * and each tool detaches what the other attached.
 */
class ExtensionsIT {

    /** One version's container with a base image (the hello sample, raw and directory) and extensions on it. */
    private record Host(SystemdContainer systemd, Path dir) {
        String image(String name) {
            return dir.resolve(name).toString();
        }
    }

    private static final Map<SystemdImage, Host> HOSTS = new EnumMap<>(SystemdImage.class);
    private static final String RELEASE = "ID=hello\nSYSEXT_SCOPE=portable\nPORTABLE_PREFIXES=%s\n";

    private Host host;

    private Host on(SystemdImage version) {
        host = HOSTS.computeIfAbsent(version, v -> {
            SystemdContainer systemd = SystemdContainer.shared(v);
            Path dir;
            try {
                dir = Files.createDirectories(systemd.imagesDir().resolve("extensions"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Portajava portajava = Portajava.against(systemd);
            portajava.buildSample("hello", dir, "hello_1.0.raw");
            portajava.buildSample("hello", dir, "hello_1.0");
            try {
                Files.copy(dir.resolve("hello_1.0.raw"), dir.resolve("hello_2.0.raw"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String app : List.of("app0", "app1")) {
                for (String file : List.of(app + ".raw", app)) {
                    ExtensionImages.write(dir, file, app, RELEASE.formatted(app), Optional.empty(),
                            Map.of(app + ".service", ExtensionImages.service(app)));
                }
            }
            ExtensionImages.write(dir, "app0_2.raw", "app0_2", RELEASE.formatted("app0"), Optional.empty(),
                    Map.of("app0.service", ExtensionImages.service("app0")));
            ExtensionImages.write(dir, "app1_7.raw", "app1", RELEASE.formatted("app1"), Optional.empty(),
                    Map.of("app1.service", ExtensionImages.service("app1")));
            ExtensionImages.write(dir, "app1_8.raw", "app1", RELEASE.formatted("app1"), Optional.of("false"),
                    Map.of("app1.service", ExtensionImages.service("app1")));
            return new Host(systemd, dir);
        });
        return host;
    }

    @AfterEach
    void detachLeftovers() {
        if (host == null) {
            return;
        }
        SystemdContainer systemd = host.systemd();
        systemd.exec("sh", "-c", "systemctl stop app0.service app1.service; for r in '' --runtime; do"
                + " portablectl detach $r " + host.image("hello_1.0.raw") + "; portablectl detach $r "
                + host.image("hello_1.0") + "; done; true");
        for (String name : List.of("hello", "app0", "app1")) {
            AttachProfilesIT.assertNothingLeft(systemd, name);
        }
    }

    /** One scenario: the base image, the extensions, the prefixes, and the options of both tools. */
    private record Layers(String base, List<String> extensions, List<String> matches, List<String> options) {
        List<String> arguments(Host host) {
            List<String> arguments = new ArrayList<>(options);
            extensions.forEach(e -> arguments.addAll(List.of("--extension", host.image(e))));
            arguments.add(host.image(base));
            arguments.addAll(matches);
            return arguments;
        }

        List<String> detachArguments(Host host) {
            List<String> arguments = new ArrayList<>(options.contains("--runtime") ? List.of("--runtime") : List.of());
            arguments.addAll(isAttachedArguments(host));
            return arguments;
        }

        List<String> isAttachedArguments(Host host) {
            List<String> arguments = new ArrayList<>();
            extensions.forEach(e -> arguments.addAll(List.of("--extension", host.image(e))));
            arguments.add(host.image(base));
            return arguments;
        }
    }

    private static Layers layers(String row) {
        String[] parts = row.split(";", -1);
        return new Layers(parts[0], words(parts[1]), words(parts[2]), words(parts[3]));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @OnEverySystemd({"hello_1.0.raw;app0.raw;app0;", "hello_1.0.raw;app0.raw app1.raw;app0 app1;--runtime --copy copy",
        "hello_1.0;app0 app1;app0 app1;--copy symlink", "hello_1.0.raw;app0_2.raw;app0;",
        "hello_1.0.raw;app1_7.raw;app1;--force", "hello_1.0.raw;app1_8.raw;app1;"})
    void nativeAttach_writesTheBytesPortabledWrites_andEachToolDetachesWhatTheOtherAttached(SystemdImage version,
            String row) {
        SystemdContainer systemd = on(version).systemd();
        Layers layers = layers(row);
        List<String> portablectl = new ArrayList<>(List.of("portablectl", "attach", "--no-reload"));
        portablectl.addAll(layers.arguments(host));
        systemd.run(portablectl.toArray(String[]::new));
        String byPortabled = systemd.attachedTree();
        String dropInsByPortabled = dropIns(systemd);
        assertEquals("attached" + (layers.options().contains("--runtime") ? "-runtime" : ""),
                portajava(systemd, "is-attached", layers.isAttachedArguments(host)).assertOk().out().strip());
        portajava(systemd, "detach", layers.detachArguments(host)).assertOk();
        assertNothingLeft(systemd);

        portajava(systemd, "attach", layers.arguments(host)).assertOk();
        String byPortajava = systemd.attachedTree();
        String dropInsByPortajava = dropIns(systemd);
        List<String> detach = new ArrayList<>(List.of("portablectl", "detach"));
        detach.addAll(layers.detachArguments(host));
        systemd.run(detach.toArray(String[]::new));
        assertNothingLeft(systemd);

        assertTrue(dropInsByPortabled.contains(".service.d/20-portable.conf"), dropInsByPortabled);
        assertEquals(dropInsByPortabled, dropInsByPortajava);
        assertEquals(byPortabled, byPortajava);
    }

    @ParameterizedTest(name = "{0}")
    @OnEverySystemd
    void reattachWithExtensions_nativeWritesWhatPortabledWrites_andPortabledDetachesIt(SystemdImage version) {
        SystemdContainer systemd = on(version).systemd();
        List<String> v1 = List.of("--extension", host.image("app0.raw"), "--extension", host.image("app1.raw"),
                host.image("hello_1.0.raw"), "app0", "app1");
        List<String> v2 = List.of("--extension", host.image("app0_2.raw"), "--extension", host.image("app1_8.raw"),
                host.image("hello_2.0.raw"), "app0", "app1");
        List<String> portablectl = new ArrayList<>(List.of("portablectl", "attach", "--no-reload"));
        portablectl.addAll(v1);
        systemd.run(portablectl.toArray(String[]::new));
        List<String> reattach = new ArrayList<>(List.of("reattach", "--backend", "portabled", "--no-reload"));
        reattach.addAll(v2);
        systemd.portajava(reattach.toArray(String[]::new)).assertOk();
        String byPortabled = systemd.attachedTree();
        String dropInsByPortabled = dropIns(systemd);
        systemd.run("portablectl", "detach", "--extension", host.image("app0_2.raw"), "--extension",
                host.image("app1_8.raw"), host.image("hello_2.0.raw"));
        assertNothingLeft(systemd);

        portajava(systemd, "attach", v1).assertOk();
        portajava(systemd, "reattach", v2).assertOk();
        String byPortajava = systemd.attachedTree();
        String dropInsByPortajava = dropIns(systemd);
        systemd.portajava("detach", "--backend", "portabled", "--extension", host.image("app0_2.raw"), "--extension",
                host.image("app1_8.raw"), host.image("hello_2.0.raw")).assertOk();
        assertNothingLeft(systemd);

        assertTrue(dropInsByPortabled.contains("app0_2.raw"), dropInsByPortabled);
        assertEquals(dropInsByPortabled, dropInsByPortajava);
        assertEquals(byPortabled, byPortajava);
    }

    @Test
    void portabledMetadata_withExtensions_givesEachExtensionRelease() throws Exception {
        SystemdContainer systemd = on(SystemdImage.BOOKWORM).systemd();
        try (dev.portajava.attach.dbus.SystemBus bus = dev.portajava.attach.dbus.SystemBus.connect(
                systemd.busAddress())) {
            dev.portajava.attach.ImageMetadata metadata = bus.portables().imageMetadata(host.image("hello_1.0.raw"),
                    List.of(host.image("app0.raw"), host.image("app1_7.raw")), List.of("app0", "app1"), true);
            assertEquals(Map.of(host.image("app0.raw"), RELEASE.formatted("app0"), host.image("app1_7.raw"),
                    RELEASE.formatted("app1")), metadata.extensionReleases());
            assertEquals(List.of("app0.service", "app1.service"), List.copyOf(metadata.units().keySet()));
            assertEquals("hello", metadata.osRelease().get("ID"));
            assertEquals(dev.portajava.attach.ImageState.DETACHED, bus.portables().imageState(
                    host.image("hello_1.0.raw"), List.of(host.image("app0.raw"))));
        }
    }

    @Test
    void portabledBackend_attachesWithExtensions_runsTheirServices_andDetachesAfterAnExtensionIsDeleted()
            throws IOException {
        SystemdContainer systemd = on(SystemdImage.BOOKWORM).systemd();
        Path gone = ExtensionImages.write(host.dir(), "app1_3.raw", "app1_3", RELEASE.formatted("app1"),
                Optional.empty(), Map.of("app1.service", ExtensionImages.service("app1")));
        Portajava portajava = Portajava.against(systemd);
        List<String> layers = List.of("--extension", host.image("app0.raw"), "--extension", gone.toString(),
                host.image("hello_1.0.raw"));
        List<String> attach = new ArrayList<>(List.of("attach", "--backend", "portabled", "--now"));
        attach.addAll(layers);
        attach.addAll(List.of("app0", "app1"));
        portajava.run(attach.toArray(String[]::new)).assertOk();
        assertRuns(systemd, "app0", "portabled");
        assertRuns(systemd, "app1", "portabled");
        List<String> isAttached = new ArrayList<>(List.of("is-attached", "--backend", "portabled"));
        isAttached.addAll(layers);
        assertEquals("running", portajava.run(isAttached.toArray(String[]::new)).assertOk().out().strip());
        systemd.run("systemctl", "stop", "app0.service", "app1.service");

        Files.delete(gone);
        List<String> detach = new ArrayList<>(List.of("detach", "--backend", "portabled"));
        detach.addAll(layers);
        portajava.run(detach.toArray(String[]::new)).assertOk();
        assertNothingLeft(systemd);
    }

    @Test
    void nativeBackend_detachesAfterAnExtensionIsDeleted() {
        SystemdContainer systemd = on(SystemdImage.BOOKWORM).systemd();
        Path gone = ExtensionImages.write(host.dir(), "app1_4.raw", "app1_4", RELEASE.formatted("app1"),
                Optional.empty(), Map.of("app1.service", ExtensionImages.service("app1")));
        List<String> layers = List.of("--extension", host.image("app0.raw"), "--extension", gone.toString(),
                host.image("hello_1.0.raw"));
        List<String> attach = new ArrayList<>(layers);
        attach.addAll(List.of("app0", "app1"));
        portajava(systemd, "attach", attach).assertOk();
        assertTrue(systemd.exists("/etc/portables/app1_4.raw"));
        try {
            Files.delete(gone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        portajava(systemd, "detach", layers).assertOk();
        assertNothingLeft(systemd);
        assertFalse(systemd.exists("/etc/portables/app1_4.raw"));
    }

    @Test
    void forceWithNoReload_thenADaemonReload_runsAnExtensionWhoseReleaseFileIsNamedOtherwise() {
        SystemdContainer systemd = on(SystemdImage.BOOKWORM).systemd();
        for (String backend : List.of("native", "portabled")) {
            Portajava.Result refused = systemd.portajava("attach", "--backend", backend, "--extension",
                    host.image("app1_7.raw"), host.image("hello_1.0.raw"), "app1");
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("lacks extension-release data"), refused.err());
            systemd.portajava("attach", "--backend", backend, "--force", "--no-reload", "--extension",
                    host.image("app1_7.raw"), host.image("hello_1.0.raw"), "app1").assertOk();
            systemd.run("systemctl", "daemon-reload");
            systemd.run("systemctl", "start", "app1.service");
            assertRuns(systemd, "app1", backend);
            systemd.run("systemctl", "stop", "app1.service");
            systemd.portajava("detach", "--backend", backend, "--extension", host.image("app1_7.raw"),
                    host.image("hello_1.0.raw")).assertOk();
            assertNothingLeft(systemd);
        }
    }

    /** The extension's service runs and has said so, within ten seconds. */
    private static void assertRuns(SystemdContainer systemd, String app, String why) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!systemd.journal(app + ".service").contains(app + " runs") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String status = systemd.exec("systemctl", "status", "--no-pager", app + ".service").getStdout();
        assertEquals("active", systemd.unitProperty(app + ".service", "ActiveState"), why + ": " + status);
        assertTrue(systemd.journal(app + ".service").contains(app + " runs"), why + ": " + status);
    }

    /**
     * A service of an extension with {@code StateDirectory=} under the default profile's {@code DynamicUser=}, on a
     * read-only base image that has the mount point (systemd 252 cannot make it in a read-only image): it runs with
     * either backend, and its state outlives a detach.
     */
    @Test
    void stateDirectoryWithDynamicUser_fromAnExtension_onAReadOnlyImage_keepsItsStateAcrossBackends()
            throws IOException {
        SystemdContainer systemd = on(SystemdImage.BOOKWORM).systemd();
        Path spec = Files.createDirectories(host.dir().resolve("stateful-spec"));
        try (var files = Files.list(Portajava.SAMPLES.resolve("hello"))) {
            for (Path file : files.toList()) {
                Files.copy(file, spec.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(spec.resolve("portable.toml"), "\n[[directory]]\npath = \"/var/lib/app0\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path base = host.dir().resolve("hello_3.raw");
        Portajava.against(systemd).run("build", spec.toString(), "-o", base.toString(), "--force").assertOk();
        Path extension = ExtensionImages.write(host.dir(), "app0s.raw", "app0s", RELEASE.formatted("app0"),
                Optional.empty(), Map.of("app0.service", ExtensionImages.statefulService("app0")));
        systemd.exec("rm", "-rf", "/var/lib/private/app0");

        int starts = 0;
        for (String backend : List.of("native", "portabled")) {
            systemd.portajava("attach", "--backend", backend, "--now", "--extension", extension.toString(),
                    base.toString(), "app0").assertOk();
            assertRuns(systemd, "app0", backend);
            starts++;
            systemd.portajava("detach", "--backend", backend, "--now", "--extension", extension.toString(),
                    base.toString()).assertOk();
            assertNothingLeft(systemd);
            assertEquals("start\n".repeat(starts), systemd.run("cat", "/var/lib/private/app0/starts"), backend);
        }
    }

    private static Portajava.Result portajava(SystemdContainer systemd, String verb, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(verb, "--backend", "native"));
        command.addAll(arguments);
        return systemd.portajava(command.toArray(String[]::new));
    }

    private static void assertNothingLeft(SystemdContainer systemd) {
        for (String name : List.of("hello", "app0", "app1")) {
            AttachProfilesIT.assertNothingLeft(systemd, name);
        }
    }

    /** Every {@code 20-portable.conf} attached, with its path: the files that differ from version to version. */
    private static String dropIns(SystemdContainer systemd) {
        return systemd.run("sh", "-c", "for f in $(find /etc/systemd/system.attached /run/systemd/system.attached"
                + " -name 20-portable.conf 2>/dev/null | sort); do echo \"== $f\"; cat $f; done");
    }
}
