package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native backend writes a machine's /etc and reloads systemd over the bus: it refuses to write into another
 * machine than the bus reaches, and, run by a user who may not write there, says to run it as root.
 */
class NativeRefusalsIT {

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    @Test
    void attach_throughAnotherMachinesBus_isRefused_andNothingIsWrittenAnywhere(@TempDir Path work) throws IOException {
        // containers of one image share its machine id: this one gets its own, as another machine has
        Path machineId = Files.writeString(work.resolve("machine-id"),
                UUID.randomUUID().toString().replace("-", "") + "\n");
        SystemdContainer other = SystemdContainer.startNew(SystemdContainer.IMAGE,
                Map.of(systemd.busDirectory(), "/mnt/foreign-bus", machineId, "/etc/machine-id"));
        try {
            Path image = Portajava.against(other).buildSample("hello", other.imagesDir(), "hello_1.0.raw");
            String busMachine = systemd.run("cat", "/etc/machine-id").strip();
            String thisMachine = other.run("cat", "/etc/machine-id").strip();
            assertNotEquals(busMachine, thisMachine);

            Portajava.Result result = other.portajava(Map.of("DBUS_SYSTEM_BUS_ADDRESS",
                    "unix:path=/mnt/foreign-bus/system_bus_socket"), "attach", "--backend", "native", image.toString(),
                    "--now");

            result.assertExit(3);
            assertEquals("portajava: the system bus belongs to machine " + busMachine + ", but /etc/machine-id says "
                    + thisMachine + "; the native backend would write units here and reload another machine's systemd"
                    + " (point DBUS_SYSTEM_BUS_ADDRESS at this machine's bus, or attach into a tree with --root)",
                    result.err().strip());
            assertEquals("", other.attachedTree(), "nothing written into the machine portajava runs on");
            AttachProfilesIT.assertNothingLeft(other, "hello");
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
        } finally {
            other.stop();
        }
    }

    @Test
    void attachAndDetach_asAnotherUserThanRoot_sayRunAsRoot_andChangeNothing() {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");
        try {
            Portajava.Result attach = systemd.portajavaAs("nobody", "attach", "--backend", "native", image.toString());

            attach.assertExit(3);
            assertTrue(attach.err().strip().matches("portajava: cannot write /etc/systemd/system\\.attached\\S*:"
                    + " permission denied; run portajava as root"), attach.err());
            AttachProfilesIT.assertNothingLeft(systemd, "hello");

            systemd.portajava("attach", "--backend", "native", image.toString()).assertOk();
            String attached = systemd.attachedTree();
            Portajava.Result detach = systemd.portajavaAs("nobody", "detach", "--backend", "native", image.toString());

            detach.assertExit(3);
            assertTrue(detach.err().strip().matches("portajava: cannot write /etc/\\S+: permission denied; run"
                    + " portajava as root"), detach.err());
            assertEquals(attached, systemd.attachedTree(), "everything attached stays");
        } finally {
            systemd.portajava("detach", "--backend", "native", image.toString());
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }
}
