package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ddi images judged by the real systemd 252: systemd-dissect must see the root and root-verity partitions and call
 * the image a portable service, and the image must attach and run. The container's kernel has no device-mapper, so
 * systemd mounts the root partition without verity here (an unsigned image without a root hash sidecar);
 * enforcement is proven in a VM ({@code scripts/vm-verity.sh}, Maven profile {@code vm}).
 */
class DiskImageIT {

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @Test
    void systemdDissect_ofADdi_listsRootAndVerityAndCallsItAPortableService() {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello_dissect.raw", "--format", "ddi");
        String dissect = systemd.run("systemd-dissect", image.toString());
        assertTrue(dissect.contains("\u2713 portable service"), dissect);
        assertTrue(dissect.contains("PORTABLE_PREFIXES=hello"), dissect);
        assertTrue(dissect.contains("root") && dissect.contains("squashfs"), dissect);
        assertTrue(dissect.contains("root-x86-64-verity") || dissect.contains("verity"), dissect);
        String table = systemd.run("systemd-dissect", "--json=short", image.toString());
        assertTrue(table.contains("\"designator\":\"root\""), table);
        assertTrue(table.contains("\"designator\":\"root-verity\""), table);
    }

    @Test
    void ddi_attachedNow_runs() throws Exception {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello_1.0.raw", "--format", "ddi");
        try {
            portajava.run("attach", image.toString(), "--profile", "strict", "--now").assertOk();
            Thread.sleep(300);
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
            assertEquals(image.toString(), systemd.unitProperty("hello.service", "RootImage"));
            assertTrue(systemd.journal("hello.service").contains("hello from a portable service"));
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    @Test
    void ddi_portablectlAttach_acceptsTheImage() {
        Path image = portajava.buildSample("webserver", systemd.imagesDir(), "webserver_1.0.raw", "--format", "ddi",
                "--arch", "x86-64");
        try {
            var result = systemd.exec("portablectl", "attach", image.toString(), "--profile", "default");
            assertEquals(0, result.getExitCode(), result.getStderr());
            assertEquals("attached", systemd.run("portablectl", "is-attached", image.toString()).strip());
        } finally {
            systemd.run("portablectl", "detach", image.toString());
        }
        AttachProfilesIT.assertNothingLeft(systemd, "webserver");
    }
}
