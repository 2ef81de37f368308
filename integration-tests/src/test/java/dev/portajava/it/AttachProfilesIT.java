package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The main job end to end, on every systemd version the tests know: build the hello sample, attach it under each of
 * systemd's four profiles with {@code --now}, see it run sandboxed from the image, detach it with {@code --now} and
 * find nothing left.
 */
class AttachProfilesIT {

    private static final String UNIT = "hello.service";
    /** A property each profile sets its own way, proving its drop-in is in force. */
    private static final Map<String, String[]> PROFILE_EFFECT = Map.of(
            "default", new String[] {"PrivateNetwork", "no", "DynamicUser", "yes"},
            "nonetwork", new String[] {"PrivateNetwork", "yes", "DynamicUser", "yes"},
            "strict", new String[] {"PrivateNetwork", "yes", "TasksMax", "4"},
            "trusted", new String[] {"PrivateNetwork", "no", "DynamicUser", "no"});

    /** Each version's image, built into its container on first use. */
    private static final Map<SystemdImage, Path> IMAGES = new EnumMap<>(SystemdImage.class);

    private SystemdContainer systemd;
    private Portajava portajava;
    private Path image;

    private void on(SystemdImage version) {
        systemd = SystemdContainer.shared(version);
        portajava = Portajava.against(systemd);
        image = IMAGES.computeIfAbsent(version, v -> portajava.buildSample("hello", systemd.imagesDir(), "hello.raw"));
    }

    @AfterEach
    void detachLeftovers() {
        if (portajava != null) {
            portajava.run("detach", image.toString(), "--now");
        }
    }

    @ParameterizedTest(name = "{0}, profile {1}")
    @OnEverySystemd({"default", "nonetwork", "strict", "trusted"})
    void attachNowThenDetachNow_underEachProfile_runsSandboxedAndLeavesNothing(SystemdImage version, String profile)
            throws Exception {
        on(version);
        Portajava.Result attach = portajava.run("attach", image.toString(), "--profile", profile, "--now").assertOk();
        assertTrue(attach.out().contains("Started " + UNIT), attach.out());

        Thread.sleep(500); // Type=simple is "active" right after fork: only a later look shows it kept running
        assertEquals("active", systemd.unitProperty(UNIT, "ActiveState"));
        assertEquals("running", systemd.unitProperty(UNIT, "SubState"));
        assertTrue(systemd.unitProperty(UNIT, "RootImage").equals(image.toString()), "runs from the image");
        String[] effect = PROFILE_EFFECT.get(profile);
        for (int i = 0; i < effect.length; i += 2) {
            assertEquals(effect[i + 1], systemd.unitProperty(UNIT, effect[i]), profile + ": " + effect[i]);
        }
        assertTrue(systemd.journal(UNIT).contains("hello from a portable service"), "its output is in the journal");
        assertEquals("/usr/lib/systemd/portable/profile/" + profile + "/service.conf",
                systemd.run("readlink", "/etc/systemd/system.attached/hello.service.d/10-profile.conf").strip());
        Portajava.Result attached = portajava.run("is-attached", image.toString()).assertOk();
        assertEquals("running", attached.out().strip());

        Portajava.Result detach = portajava.run("detach", image.toString(), "--now").assertOk();
        assertTrue(detach.out().contains("Stopped " + UNIT), detach.out());
        assertNothingLeft(systemd, "hello");
        Portajava.Result detached = portajava.run("is-attached", image.toString()).assertExit(1);
        assertEquals("detached", detached.out().strip());
    }

    /**
     * No unit, drop-in or portables link of the image {@code name} is on the host (persistent or runtime), and
     * systemd no longer knows its service.
     */
    static void assertNothingLeft(SystemdContainer systemd, String name) {
        for (String dir : new String[] {"/etc/systemd/system.attached", "/run/systemd/system.attached",
            "/etc/portables", "/run/portables"}) {
            String left = systemd.exec("sh", "-c", "ls -A " + dir + " 2>/dev/null | grep '^" + name + "[._-]\\|^" + name + "$'")
                    .getStdout().strip();
            assertEquals("", left, "left behind in " + dir);
        }
        assertEquals("not-found", systemd.unitProperty(name + ".service", "LoadState"));
    }
}
