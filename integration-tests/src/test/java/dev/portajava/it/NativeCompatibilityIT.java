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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The native backend against the real portabled of every systemd version the tests know, each in its container:
 * portajava runs inside it, so it writes into that host's /etc exactly as for a user. Either tool detaches what the
 * other attached, and the files the native backend writes are the very bytes that version's portabled writes.
 */
class NativeCompatibilityIT {

    /**
     * One version's container, with images of {@code hello} built into it by kind, and a custom profile where both
     * tools look. The kinds: {@code raw} (a squashfs), {@code directory}, {@code ddi} (a GPT disk image with a
     * dm-verity hash tree), {@code signed} (the same with a signature partition) and {@code sidecars} (a squashfs
     * with its hash device and root hash next to it). systemd 262 pins another image policy for each raw kind.
     */
    private record Host(SystemdContainer systemd, Map<String, Path> images) {
        Path image(String kind) {
            return images.get(kind);
        }

        Path raw() {
            return image("raw");
        }
    }

    private static final Map<SystemdImage, Host> HOSTS = new EnumMap<>(SystemdImage.class);

    /** The host of the running test, for the clean-up after it. */
    private Host host;

    private Host on(SystemdImage version) {
        host = HOSTS.computeIfAbsent(version, v -> {
            SystemdContainer systemd = SystemdContainer.shared(v);
            Portajava portajava = Portajava.against(systemd);
            Path keys = directory("keys", systemd);
            Docker.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=portajava test",
                    "-keyout", keys.resolve("key.pem").toString(), "-out", keys.resolve("cert.pem").toString());
            Map<String, Path> images = Map.of(
                    "raw", portajava.buildSample("hello", systemd.imagesDir(), "hello_1.0.raw"),
                    "directory", portajava.buildSample("hello", systemd.imagesDir(), "hello_1.0"),
                    "ddi", portajava.buildSample("hello", directory("ddi", systemd), "hello_1.0.raw", "--format", "ddi"),
                    "signed", portajava.buildSample("hello", directory("signed", systemd), "hello_1.0.raw",
                            "--format", "ddi", "--key", keys.resolve("key.pem").toString(),
                            "--cert", keys.resolve("cert.pem").toString()),
                    "sidecars", portajava.buildSample("hello", directory("sidecars", systemd), "hello_1.0.raw",
                            "--verity-sidecar"));
            systemd.run("sh", "-c", "mkdir -p /etc/systemd/portable/profile/custom && printf '[Service]\\nTasksMax=7\\n'"
                    + " > /etc/systemd/portable/profile/custom/service.conf");
            return new Host(systemd, images);
        });
        return host;
    }

    private static Path directory(String name, SystemdContainer systemd) {
        try {
            return Files.createDirectories(systemd.imagesDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeCustomProfiles() {
        HOSTS.values().forEach(h -> h.systemd().run("rm", "-rf", "/etc/systemd/portable/profile/custom"));
        HOSTS.clear();
    }

    @AfterEach
    void detachLeftovers() {
        if (host == null) {
            return;
        }
        SystemdContainer systemd = host.systemd();
        for (String runtime : new String[] {"", "--runtime"}) {
            List<String> command = new ArrayList<>(List.of("portablectl", "detach", host.raw().toString()));
            if (!runtime.isEmpty()) {
                command.add(1, runtime);
            }
            systemd.exec(command.toArray(String[]::new));
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    @ParameterizedTest(name = "{0}, {1} image")
    @OnEverySystemd({"raw", "directory"})
    void attachNative_portablectlAgreesItIsAttached_andPortablectlDetachRemovesEverything(SystemdImage version,
            String kind) {
        SystemdContainer systemd = on(version).systemd();
        Path image = host.image(kind);
        Portajava.Result attach = systemd.portajava("--verbose", "attach", "--backend", "native", "--profile", "strict",
                image.toString()).assertOk();
        assertTrue(attach.err().contains("backend: native"), attach.err());

        assertEquals("attached", systemd.run("portablectl", "is-attached", image.toString()).strip());
        assertEquals("attached", systemd.portajava("is-attached", "--backend", "native", image.toString())
                .assertOk().out().strip());
        systemd.run("portablectl", "detach", image.toString());

        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        assertFalse(systemd.exists("/etc/systemd/system.attached"), "portabled removes the emptied directory");
    }

    @ParameterizedTest(name = "{0}, {1} image")
    @OnEverySystemd({"raw", "directory"})
    void attachPortablectl_nativeDetachRemovesEverything(SystemdImage version, String kind) {
        SystemdContainer systemd = on(version).systemd();
        Path image = host.image(kind);
        systemd.run("portablectl", "attach", "--profile", "strict", image.toString());
        assertEquals("attached", systemd.portajava("is-attached", "--backend", "native", image.toString())
                .assertOk().out().strip());

        systemd.portajava("detach", "--backend", "native", image.toString()).assertOk();

        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        assertEquals("detached", systemd.run("portablectl", "is-attached", image.toString()).strip());
    }

    @ParameterizedTest(name = "{0}, {1} image, profile {2}, copy {3}, runtime {4}")
    @OnEverySystemd({"raw,strict,auto,false", "raw,default,copy,true", "raw,nonetwork,symlink,false",
        "directory,strict,auto,false", "directory,default,copy,false", "directory,trusted,symlink,true",
        "raw,custom,auto,false", "directory,custom,copy,false", "ddi,strict,auto,false", "ddi,default,copy,true",
        "signed,strict,auto,false", "sidecars,strict,auto,false"})
    void nativeAttach_writesTheBytesPortabledWrites(SystemdImage version, String kind, String profile, String copy,
            boolean runtime) {
        SystemdContainer systemd = on(version).systemd();
        Path image = host.image(kind);
        List<String> flags = new ArrayList<>(List.of("--profile", profile, "--copy", copy));
        if (runtime) {
            flags.add("--runtime");
        }
        List<String> portablectl = new ArrayList<>(List.of("portablectl", "attach"));
        portablectl.addAll(flags);
        portablectl.add(image.toString());
        systemd.run(portablectl.toArray(String[]::new));
        String byPortabled = systemd.attachedTree();
        String dropInByPortabled = portableDropIn(systemd, runtime);
        systemd.run("portablectl", "detach", runtime ? "--runtime" : "--no-reload", image.toString());

        List<String> native_ = new ArrayList<>(List.of("attach", "--backend", "native"));
        native_.addAll(flags);
        native_.add(image.toString());
        native_.add("hello"); // portablectl matches the image name's prefix by default
        systemd.portajava(native_.toArray(String[]::new)).assertOk();
        String byPortajava = systemd.attachedTree();
        String dropInByPortajava = portableDropIn(systemd, runtime);
        systemd.portajava("detach", "--backend", "native", image.toString(), runtime ? "--runtime" : "--no-reload")
                .assertOk();

        assertTrue(byPortabled.contains("hello.service.d/20-portable.conf"), byPortabled);
        assertEquals(dropInByPortabled, dropInByPortajava);
        assertEquals(byPortabled, byPortajava);
    }

    /**
     * {@code --copy mixed} (systemd 256 and later: units copied, profiles linked, and the image copied into
     * /etc/portables): the native backend writes what portabled writes, portajava's portabled backend gets the same
     * from portabled, and either tool detaches, copy included, what the other attached. Before 256 both backends
     * refuse it in one line, exit 3, and attach nothing.
     */
    @ParameterizedTest(name = "{0}, {1} image, runtime {2}")
    @OnEverySystemd({"raw,false", "directory,true"})
    void copyMixed_nativeWritesWhatPortabledWrites_eitherToolDetaches_andBefore256BothRefuse(SystemdImage version,
            String kind, boolean runtime) {
        SystemdContainer systemd = on(version).systemd();
        String image = host.image(kind).toString();
        String where = runtime ? "--runtime" : "--no-reload";
        if (version.version() < 256) {
            String before = systemd.attachedTree(); // 252's portabled leaves an emptied /etc/portables behind
            for (String backend : new String[] {"portabled", "native"}) {
                Portajava.Result refused = systemd.portajava("attach", "--backend", backend, "--copy", "mixed", where,
                        image).assertExit(3);
                assertEquals("portajava: --copy mixed needs systemd 256 or later; this host runs systemd "
                        + version.version() + " (use --copy auto, copy or symlink)", refused.err().strip());
                assertEquals(before, systemd.attachedTree(), backend);
            }
            return;
        }
        systemd.run("portablectl", "attach", "--copy", "mixed", where, image);
        String byPortabled = systemd.attachedTree();
        String copy = (runtime ? "/run" : "/etc") + "/portables/" + host.image(kind).getFileName();
        assertTrue(byPortabled.contains((kind.equals("raw") ? "F 644 " : "D 755 ") + copy), byPortabled);
        systemd.portajava("detach", "--backend", "native", where, image).assertOk();
        AttachProfilesIT.assertNothingLeft(systemd, "hello");

        systemd.portajava("attach", "--backend", "native", "--copy", "mixed", where, image, "hello").assertOk();
        String byNative = systemd.attachedTree();
        systemd.run("portablectl", "detach", where, image);
        AttachProfilesIT.assertNothingLeft(systemd, "hello");

        systemd.portajava("attach", "--backend", "portabled", "--copy", "mixed", where, image).assertOk();
        String byPortabledBackend = systemd.attachedTree();
        systemd.portajava("detach", "--backend", "portabled", where, image).assertOk();

        assertEquals(byPortabled, byNative);
        assertEquals(byPortabled, byPortabledBackend);
    }

    /** The text of hello.service's {@code 20-portable.conf}: the file that differs from version to version. */
    private static String portableDropIn(SystemdContainer systemd, boolean runtime) {
        return systemd.run("cat", (runtime ? "/run" : "/etc") + "/systemd/system.attached/hello.service.d/20-portable.conf");
    }

    @ParameterizedTest(name = "{0}")
    @OnEverySystemd
    void nativeAttach_refusesWhatPortabledRefuses_beforeWritingAnything(SystemdImage version) {
        SystemdContainer systemd = on(version).systemd();
        Path image = host.raw();
        systemd.run("sh", "-c", "mkdir -p /etc/systemd/system && printf '[Service]\\nExecStart=/bin/true\\n'"
                + " > /etc/systemd/system/hello.service");
        try {
            Portajava.Result refused = systemd.portajava("attach", "--backend", "native", image.toString()).assertExit(1);
            assertTrue(refused.err().contains("Unit file 'hello.service' exists on the host already, refusing."),
                    refused.err());
            assertFalse(systemd.exists("/etc/systemd/system.attached/hello.service"));
            systemd.portajava("attach", "--backend", "native", image.toString(), "nope").assertExit(2);
        } finally {
            systemd.run("rm", "-f", "/etc/systemd/system/hello.service");
            systemd.run("systemctl", "daemon-reload");
        }
    }
}
