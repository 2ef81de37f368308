package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A host whose systemd-portabled is masked: the default backend attaches natively and the service runs. */
class NoPortabledIT {

    private static SystemdContainer systemd;

    @BeforeAll
    static void startWithoutPortabled() {
        systemd = SystemdContainer.startNew(SystemdContainer.IMAGE);
        systemd.run("systemctl", "mask", "--now", "systemd-portabled.service");
    }

    @AfterAll
    static void stop() {
        if (systemd != null) {
            systemd.stop();
        }
    }

    @Test
    void attachNow_withoutPortabled_attachesNatively_andTheServiceRunsUnderTheProfile() throws Exception {
        Path image = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");

        Portajava.Result attach = systemd.portajava("--verbose", "attach", image.toString(), "--profile", "strict",
                "--now").assertOk();

        assertTrue(attach.err().contains("backend: native (org.freedesktop.portable1 cannot be activated"),
                attach.err());
        assertTrue(attach.out().contains("Started hello.service (active/running)."), attach.out());
        Thread.sleep(500);
        assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
        assertEquals("4", systemd.unitProperty("hello.service", "TasksMax"), "the strict profile is in force");
        assertEquals("yes", systemd.unitProperty("hello.service", "PrivateNetwork"));
        assertEquals(image.toString(), systemd.unitProperty("hello.service", "RootImage"));
        assertTrue(systemd.journal("hello.service").contains("hello"), systemd.journal("hello.service"));
        assertEquals("running", systemd.portajava("is-attached", image.toString()).assertOk().out().strip());
        assertTrue(systemd.portajava("list").assertOk().out().contains("hello_1.0"));
        assertTrue(attach.out().contains("Copied /etc/systemd/system.attached/hello.service."), attach.out());

        systemd.portajava("detach", image.toString(), "--now").assertOk();

        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        assertEquals("masked", systemd.unitProperty("systemd-portabled.service", "UnitFileState"));
    }

    @Test
    void backendPortabled_withPortabledMasked_isAnEnvironmentError_andInspectNeedsNoPortabled() {
        Path image = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");

        Portajava.Result attach = systemd.portajava("attach", "--backend", "portabled", image.toString(), "--now");

        attach.assertExit(3);
        assertEquals("portajava: --backend portabled: systemd-portabled cannot be started on this system bus (it is not"
                + " installed, or its unit is masked); use --backend native, which attaches without it",
                attach.err().strip());
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        Portajava.Result inspect = systemd.portajava("inspect", image.toString()).assertOk();
        assertTrue(inspect.out().contains("Unit files:\n    hello.service\n"), inspect.out());
        assertEquals("masked", systemd.unitProperty("systemd-portabled.service", "UnitFileState"));
    }
}
