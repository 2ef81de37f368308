package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples as a user runs them, and the images judged by systemd's own tools: {@code systemd-dissect} must call
 * them portable services, and the real {@code portablectl} must attach them.
 */
class SamplesIT {

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "webserver"})
    void systemdDissect_ofEachSample_callsItAPortableService(String sample) {
        Path image = portajava.buildSample(sample, systemd.imagesDir(), sample + "_dissect.raw");
        String dissect = systemd.run("systemd-dissect", image.toString());
        assertTrue(dissect.contains("\u2713 portable service"), dissect);
        assertTrue(dissect.contains("PORTABLE_PREFIXES=" + sample), dissect);
        assertTrue(dissect.contains("squashfs"), dissect);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "webserver"})
    void portablectl_attachOfEachSample_acceptsTheImage(String sample) {
        Path image = portajava.buildSample(sample, systemd.imagesDir(), sample + ".raw");
        try {
            var result = systemd.exec("portablectl", "attach", image.toString(), "--profile", "default");
            assertEquals(0, result.getExitCode(), result.getStderr());
            String attach = result.getStdout() + result.getStderr(); // portablectl logs its changes to stderr
            assertTrue(attach.contains("/etc/systemd/system.attached/" + sample + ".service"), attach);
            assertEquals("attached", systemd.run("portablectl", "is-attached", image.toString()).strip());
            assertEquals("attached", portajava.run("is-attached", image.toString()).assertOk().out().strip());
        } finally {
            systemd.run("portablectl", "detach", image.toString());
        }
        AttachProfilesIT.assertNothingLeft(systemd, sample);
    }

    @Test
    void hello_restarted_keepsItsCounterInItsStateDirectory() throws Exception {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello.raw");
        try {
            portajava.run("attach", image.toString(), "--profile", "strict", "--now").assertOk();
            Thread.sleep(300);
            int first = lastStart(systemd.journal("hello.service"));
            systemd.run("systemctl", "restart", "hello.service");
            Thread.sleep(300);
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
            assertEquals(first + 1, lastStart(systemd.journal("hello.service")), "the counter survived the restart");
            assertEquals(Integer.toString(first + 1),
                    systemd.run("cat", "/var/lib/private/hello/count").strip(), "the state is on the host");
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    @Test
    void webserver_attachedNow_servesItsPageOnLoopback() throws Exception {
        Path image = portajava.buildSample("webserver", systemd.imagesDir(), "webserver.raw");
        try {
            portajava.run("attach", image.toString(), "--now").assertOk();
            Thread.sleep(300);
            assertEquals("running", systemd.unitProperty("webserver.service", "SubState"));
            String response = systemd.run("bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/8080; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3");
            assertTrue(response.startsWith("HTTP/1.") && response.contains(" 200 "), response);
            assertTrue(response.contains("<h1>Hello from a portable service</h1>"), response);
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, "webserver");
    }

    @Test
    void directoryImage_attachedNow_runsWithRootDirectory() throws Exception {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello", "--format", "directory");
        try {
            portajava.run("attach", image.toString(), "--profile", "strict", "--now").assertOk();
            Thread.sleep(300);
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
            assertEquals(image.toString(), systemd.unitProperty("hello.service", "RootDirectory"));
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    private static int lastStart(String journal) {
        int last = -1;
        for (String line : journal.split("\n")) {
            int at = line.indexOf("start number ");
            if (line.startsWith("hello from a portable service") && at >= 0) {
                last = Integer.parseInt(line.substring(at + "start number ".length()).strip());
            }
        }
        if (last < 0) {
            throw new AssertionError("no start in the journal: " + journal);
        }
        return last;
    }
}
