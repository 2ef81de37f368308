package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native backend against the real portabled of systemd 252, on the same container: portajava runs inside it,
 * so it writes into that host's /etc exactly as for a user. Either tool detaches what the other attached, and the
 * files the native backend writes are the very bytes portabled writes.
 */
class NativeCompatibilityIT {

    private static SystemdContainer systemd;
    private static Path raw;
    private static Path directory;

    @BeforeAll
    static void buildImages() {
        systemd = SystemdContainer.shared();
        raw = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");
        directory = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello_1.0");
        // a custom profile where both portabled and the native backend look for it
        systemd.run("sh", "-c", "mkdir -p /etc/systemd/portable/profile/custom && printf '[Service]\\nTasksMax=7\\n'"
                + " > /etc/systemd/portable/profile/custom/service.conf");
    }

    @AfterAll
    static void removeCustomProfile() {
        systemd.run("rm", "-rf", "/etc/systemd/portable/profile/custom");
    }

    @AfterEach
    void detachLeftovers() {
        for (String runtime : new String[] {"", "--runtime"}) {
            List<String> command = new ArrayList<>(List.of("portablectl", "detach", raw.toString()));
            if (!runtime.isEmpty()) {
                command.add(1, runtime);
            }
            systemd.exec(command.toArray(String[]::new));
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    private static Path image(String kind) {
        return kind.equals("raw") ? raw : directory;
    }

    @ParameterizedTest(name = "{0} image")
    @ValueSource(strings = {"raw", "directory"})
    void attachNative_portablectlAgreesItIsAttached_andPortablectlDetachRemovesEverything(String kind) {
        Path image = image(kind);
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

    @ParameterizedTest(name = "{0} image")
    @ValueSource(strings = {"raw", "directory"})
    void attachPortablectl_nativeDetachRemovesEverything(String kind) {
        Path image = image(kind);
        systemd.run("portablectl", "attach", "--profile", "strict", image.toString());
        assertEquals("attached", systemd.portajava("is-attached", "--backend", "native", image.toString())
                .assertOk().out().strip());

        systemd.portajava("detach", "--backend", "native", image.toString()).assertOk();

        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        assertEquals("detached", systemd.run("portablectl", "is-attached", image.toString()).strip());
    }

    @ParameterizedTest(name = "{0} image, profile {1}, copy {2}, runtime {3}")
    @CsvSource({"raw,strict,auto,false", "raw,default,copy,true", "raw,nonetwork,symlink,false",
        "directory,strict,auto,false", "directory,default,copy,false", "directory,trusted,symlink,true",
        "raw,custom,auto,false", "directory,custom,copy,false"})
    void nativeAttach_writesTheBytesPortabledWrites(String kind, String profile, String copy, boolean runtime) {
        Path image = image(kind);
        List<String> flags = new ArrayList<>(List.of("--profile", profile, "--copy", copy));
        if (runtime) {
            flags.add("--runtime");
        }
        List<String> portablectl = new ArrayList<>(List.of("portablectl", "attach"));
        portablectl.addAll(flags);
        portablectl.add(image.toString());
        systemd.run(portablectl.toArray(String[]::new));
        String byPortabled = systemd.attachedTree();
        systemd.run("portablectl", "detach", runtime ? "--runtime" : "--no-reload", image.toString());

        List<String> native_ = new ArrayList<>(List.of("attach", "--backend", "native"));
        native_.addAll(flags);
        native_.add(image.toString());
        native_.add("hello"); // portablectl matches the image name's prefix by default
        systemd.portajava(native_.toArray(String[]::new)).assertOk();
        String byPortajava = systemd.attachedTree();
        systemd.portajava("detach", "--backend", "native", image.toString(), runtime ? "--runtime" : "--no-reload")
                .assertOk();

        assertTrue(byPortabled.contains("hello.service.d/20-portable.conf"), byPortabled);
        assertEquals(byPortabled, byPortajava);
    }

    @Test
    void nativeAttach_refusesWhatPortabledRefuses_beforeWritingAnything() {
        Path image = raw;
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
