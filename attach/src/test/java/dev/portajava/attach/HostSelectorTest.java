package dev.portajava.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.StepHook;
import dev.portajava.profiles.ProfileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend a command gets: portabled only after portajava has read and checked the image itself, and only when
 * it can be started; the native backend only through a bus of the machine whose tree it writes.
 */
class HostSelectorTest {

    private static final String MACHINE = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path live;

    private final FakeHost host = new FakeHost();

    @BeforeEach
    void machine() throws IOException {
        write("etc/machine-id", MACHINE + "\n");
        write("usr/lib/systemd/portable/profile/strict/service.conf", "[Service]\nTasksMax=4\n");
    }

    private Path write(String path, String content) throws IOException {
        Path file = live.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** A directory image in the live tree's /var/lib/portables, with app.service and what a test adds. */
    private Path image() throws IOException {
        write("var/lib/portables/app_1/usr/lib/os-release", "ID=app\nPORTABLE_PREFIXES=app\n");
        write("var/lib/portables/app_1/usr/lib/systemd/system/app.service", "[Service]\nExecStart=/bin/true\n");
        return live.resolve("var/lib/portables/app_1");
    }

    private Portables portables(Backend backend) {
        return new Portables(new HostSelector(backend, host.factory(), Optional.empty(), Optional.empty(), note -> { },
                StepHook.NONE, new HostTree(live, false)), new ProfileInstaller(live.resolve("etc/profiles"),
                new HostTree(live, false)));
    }

    private static AttachRequest request(String image) {
        return new AttachRequest(image, List.of(), List.of(), new ProfileName("strict"), CopyMode.AUTO, false, false, false,
                false, false);
    }

    @Test
    void attach_throughPortabled_ofAHostileImage_isRefusedBeforePortabledSeesIt() throws IOException {
        Path image = image();
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system/app-shadow.service"), Path.of("/etc/shadow"));

        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> portables(Backend.PORTABLED).attach(request(image.toString())));

        assertEquals(image + ": /usr/lib/systemd/system/app-shadow.service is a symlink to /etc/shadow, which leaves"
                + " the image", e.getMessage());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
    }

    @Test
    void reattach_throughPortabled_readsTheImageItself() throws IOException {
        Path image = image();
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system/app-shadow.service"), Path.of("/etc/shadow"));

        assertThrows(InvalidImageException.class, () -> portables(Backend.AUTO).reattach(new ReattachRequest(
                image.toString(), List.of(), List.of(), new ProfileName("strict"), CopyMode.AUTO, false, false, false,
                false, false)));

        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("reattachImage") || c.startsWith("imageMetadata")),
                host.calls::toString);
    }

    /** detach --now through the portabled of this machine stops what the drop-ins' markers name: no image is read. */
    @Test
    void detachNow_throughPortabledOfThisMachine_stopsTheUnitsAttached_withoutReadingTheImage() throws Exception {
        Path image = image();
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system/app-shadow.service"), Path.of("/etc/shadow"));
        write("etc/systemd/system.attached/app.service", "[Service]\nExecStart=/bin/true\n");
        write("etc/systemd/system.attached/app.service.d/20-portable.conf",
                "# Drop-in created for image '/var/lib/portables/app_1', do not edit.\n");

        DetachResult result = portables(Backend.AUTO).detach(new DetachRequest(image.toString(), List.of(), List.of(),
                false, false, true, false));

        assertEquals(List.of("app.service"), result.stopped().stream().map(UnitStatus::unit).toList());
        assertEquals(List.of("connect", "stop app.service", "detachImage " + image, "reload"),
                host.calls.subList(0, 4));
    }

    /** Through the bus of another machine, whose drop-ins are not here, detach --now reads the image itself. */
    @Test
    void detachNow_throughPortabledOfAnotherMachine_readsTheImageItself() throws IOException {
        Path image = image();
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system/app-shadow.service"), Path.of("/etc/shadow"));
        host.machineId = "fedcba9876543210fedcba9876543210";

        assertThrows(InvalidImageException.class, () -> portables(Backend.AUTO).detach(new DetachRequest(
                image.toString(), List.of(), List.of(), false, false, true, false)));

        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("imageMetadata") || c.startsWith("detachImage")
                || c.startsWith("stop")), host.calls::toString);
    }

    @Test
    void attach_throughPortabled_byName_handsPortabledThePathThatWasRead() throws Exception {
        image();

        portables(Backend.AUTO).attach(request("app_1"));

        // with the image's declared prefixes, not none: portabled, given none, would attach every unit it ships
        assertTrue(host.calls.contains("attachImage /var/lib/portables/app_1 [app] strict auto"), host.calls::toString);
    }

    @Test
    void attach_withBackendPortabled_whenPortabledCannotStart_isAnEnvironmentError() throws IOException {
        Path image = image();
        host.portabled = false;

        PortabledUnavailableException e = assertThrows(PortabledUnavailableException.class,
                () -> portables(Backend.PORTABLED).attach(request(image.toString())));

        assertTrue(e.getMessage().startsWith("--backend portabled: systemd-portabled cannot be started"), e.getMessage());
        assertEquals(List.of("connect", "close"), host.calls);
    }

    @Test
    void attach_native_throughTheBusOfAnotherMachine_isRefusedBeforeWritingAnything() throws IOException {
        Path image = image();
        host.machineId = "fedcba9876543210fedcba9876543210";

        ForeignBusException e = assertThrows(ForeignBusException.class,
                () -> portables(Backend.NATIVE).attach(request(image.toString())));

        assertEquals("the system bus belongs to machine fedcba9876543210fedcba9876543210, but "
                + live.resolve("etc/machine-id") + " says " + MACHINE + "; the native backend would write units here"
                + " and reload another machine's systemd (point DBUS_SYSTEM_BUS_ADDRESS at this machine's bus, or"
                + " attach into a tree with --root)", e.getMessage());
        assertNothingAttached();
    }

    @Test
    void attach_native_intoATreeWithoutMachineId_isRefused() throws IOException {
        Path image = image();
        Files.delete(live.resolve("etc/machine-id"));

        ForeignBusException e = assertThrows(ForeignBusException.class,
                () -> portables(Backend.NATIVE).attach(request(image.toString())));

        assertTrue(e.getMessage().startsWith(live.resolve("etc/machine-id") + " is missing or empty, so the system"
                + " bus (machine " + host.machineId + ") cannot be shown to be this machine's"), e.getMessage());
        assertNothingAttached();
    }

    @Test
    void attach_native_throughThisMachinesBus_attaches() throws Exception {
        Path image = image();

        portables(Backend.NATIVE).attach(request(image.toString()));

        assertTrue(Files.isRegularFile(live.resolve("etc/systemd/system.attached/app.service")));
        assertTrue(host.calls.contains("reload"), host.calls::toString);
    }

    private void assertNothingAttached() throws IOException {
        try (Stream<Path> etc = Files.list(live.resolve("etc"))) {
            assertEquals(List.of(), etc.filter(p -> !p.getFileName().toString().equals("machine-id")).toList());
        }
    }
}
