package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * samples/java-http as the reactor builds it with portajava-maven-plugin ({@code target/java-http_VERSION.raw}):
 * attached on systemd 252, its Java runtime starts from the image, serves its page and keeps its counter in its
 * {@code StateDirectory=} across a restart; the sample's {@code portable.toml} added its os-release field and health
 * check.
 */
class JavaServiceIT {

    private static final String NAME = "java-http";
    private static SystemdContainer systemd;
    private static Portajava portajava;

    /** Where portajava installs its jit profile on a host whose portabled lacks it. */
    private static final String JIT_PROFILE = "/etc/systemd/portable/profile/jit/service.conf";

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @Test
    void javaHttp_attachedNow_servesItsPageAndKeepsItsCounterAcrossARestart() throws Exception {
        Path image = copied("java-http.raw");
        Map<String, String> underJit;
        try {
            // from this machine, through the container's bus, portajava cannot put its profile where that portabled
            // looks: refused, nothing written here or there
            Portajava.Result refused = portajava.run("attach", image.toString(), "--profile", "jit", "--now")
                    .assertExit(3);
            assertTrue(refused.err().contains("portajava installs its profiles on this machine only"), refused.err());
            assertFalse(Files.exists(Path.of(JIT_PROFILE)), "nothing written on this machine");
            assertFalse(systemd.exists(JIT_PROFILE));
            assertEquals("detached", portajava.run("is-attached", image.toString()).out().strip());

            // on the machine itself, 252's portabled has no jit: portajava installs its own there, and says so
            Portajava.Result attach = systemd.portajava("attach", image.toString(), "--profile", "jit", "--now")
                    .assertOk();
            assertTrue(attach.out().contains(JIT_PROFILE), attach.out());
            String first = get();
            assertTrue(first.startsWith("HTTP/1.") && first.contains(" 200 "), first);
            assertTrue(first.contains("<h1>java-http</h1><p>request 1</p>"), first);
            assertTrue(get().contains("request 2"), "the second request is counted");

            systemd.run("systemctl", "restart", NAME + ".service");
            assertTrue(get().contains("<p>request 3</p>"), "the counter survived the restart");
            assertEquals("running", systemd.unitProperty(NAME + ".service", "SubState"));
            underJit = sandbox();
            assertEquals("3", systemd.run("cat", "/var/lib/private/" + NAME + "/count").strip(),
                    "the state is on the host, in the service's StateDirectory=");
            assertTrue(systemd.journal(NAME + ".service").contains("java-http: serving on 127.0.0.1:8080"));
            // the sample's portable.toml, next to its POM: its os-release field, as systemd reads it, and its health
            // check, which portajava update runs
            String inspect = systemd.run("portablectl", "inspect", image.toString());
            assertTrue(inspect.contains("java-http, a Java runtime and its HTTP service"), inspect);
            Portajava.Result ours = portajava.run("inspect", image.toString());
            ours.assertOk();
            assertTrue(ours.out().contains("Health Check:\n    GET http://127.0.0.1:8080/ answers 2xx within 10s\n"),
                    ours.out());
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
            systemd.run("rm", "-rf", "/var/lib/private/" + NAME, "/var/lib/" + NAME, JIT_PROFILE.replace("/service.conf", ""));
        }
        AttachProfilesIT.assertNothingLeft(systemd, NAME);

        // the same sandbox as under default (attached, not started), but for the one setting a JIT cannot live with
        portajava.run("attach", image.toString(), "--profile", "default").assertOk();
        Map<String, String> underDefault = sandbox();
        portajava.run("detach", image.toString()).assertOk();
        assertEquals("yes", underDefault.remove("MemoryDenyWriteExecute"));
        assertEquals("no", underJit.remove("MemoryDenyWriteExecute"));
        assertEquals("yes", underJit.get("DynamicUser"));
        assertEquals("strict", underJit.get("ProtectSystem"));
        assertEquals(underDefault, underJit);
        AttachProfilesIT.assertNothingLeft(systemd, NAME);
    }

    /** The service's sandbox settings, as its manager reports them. */
    private static Map<String, String> sandbox() {
        String settings = "MemoryDenyWriteExecute,DynamicUser,ProtectSystem,ProtectHome,PrivateTmp,PrivateDevices,"
                + "PrivateUsers,ProtectKernelTunables,ProtectKernelModules,ProtectControlGroups,RestrictNamespaces,"
                + "RestrictRealtime,LockPersonality,RestrictAddressFamilies,CapabilityBoundingSet,SystemCallFilter,"
                + "SystemCallArchitectures,BindReadOnlyPaths";
        Map<String, String> values = new TreeMap<>();
        for (String line : systemd.run("systemctl", "show", "-p", settings, NAME + ".service").split("\n")) {
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        assertEquals(settings.split(",").length, values.size(), values.toString());
        return values;
    }

    /** Why the plugin's profile is jit: MemoryDenyWriteExecute=yes (default, strict) forbids HotSpot's JIT. */
    @Test
    void javaHttp_underTheDefaultProfile_cannotStartItsJit() throws Exception {
        Path image = copied("java-http.raw");
        try {
            // attach --now reports the failure when it comes before the start is confirmed, else the journal does
            Portajava.Result attach = portajava.run("attach", image.toString(), "--profile", "default", "--now");
            assertTrue(attach.exitCode() == 0 || attach.err().contains("java-http.service failed right after it"
                    + " started"), attach.err());
            String journal = "";
            for (int i = 0; i < 50 && !journal.contains("executable"); i++) {
                Thread.sleep(200);
                journal = systemd.journal(NAME + ".service");
            }
            assertTrue(journal.contains("Failed to mark memory page as executable"), journal);
            assertNotEquals("running", systemd.unitProperty(NAME + ".service", "SubState"));
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
            systemd.run("rm", "-rf", "/var/lib/private/" + NAME, "/var/lib/" + NAME);
        }
        AttachProfilesIT.assertNothingLeft(systemd, NAME);
    }

    private static Path copied(String fileName) throws Exception {
        Path built = Path.of(System.getProperty("portajava.javaHttp"));
        assertTrue(Files.isRegularFile(built), built + " is built by the reactor (samples/java-http)");
        return Files.copy(built, systemd.imagesDir().resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }

    /** GET / on 127.0.0.1:8080 in the container, once the service answers (at most 10 s). */
    private static String get() throws InterruptedException {
        String request = "exec 3<>/dev/tcp/127.0.0.1/8080; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3";
        ExecResult result = null;
        for (int i = 0; i < 100; i++) {
            result = systemd.exec("bash", "-c", request);
            if (result.getExitCode() == 0 && !result.getStdout().isEmpty()) {
                return result.getStdout();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing answered on 127.0.0.1:8080: " + result.getStderr() + "\n"
                + systemd.journal(NAME + ".service"));
    }
}
