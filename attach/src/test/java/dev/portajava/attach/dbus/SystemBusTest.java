package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.Target;
import dev.portajava.attach.remote.RemoteHost;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBusTest {

    @Test
    void address_withoutTheVariable_isTheStandardSocket() {
        assertEquals(SystemBus.DEFAULT_ADDRESS, SystemBus.address(Map.of()));
    }

    @Test
    void address_withSeveralEntries_takesTheFirst() {
        assertEquals("unix:path=/a", SystemBus.address(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/a;tcp:host=x")));
    }

    @Test
    void socketPath_ofAUnixPathAddress_isThePath() {
        assertEquals(Optional.of(Path.of("/run/x/bus")), SystemBus.socketPath("unix:path=/run/x/bus,guid=abc"));
        assertEquals(Optional.empty(), SystemBus.socketPath("unix:abstract=/tmp/dbus-x"));
        assertEquals(Optional.empty(), SystemBus.socketPath("tcp:host=localhost,port=1"));
    }

    @Test
    void connect_toAMissingSocket_failsNamingIt(@TempDir Path dir) {
        String address = "unix:path=" + dir.resolve("missing");
        BusUnavailableException e = assertThrows(BusUnavailableException.class, () -> SystemBus.connect(address));
        assertTrue(e.getMessage().contains(dir.resolve("missing") + " does not exist"), e.getMessage());
    }

    @Test
    void connect_toAnAddressThatIsNoUnixPath_failsSayingWhatIsSupported() {
        BusUnavailableException e = assertThrows(BusUnavailableException.class,
                () -> SystemBus.connect("tcp:host=localhost,port=1"));
        assertEquals("cannot connect to the system bus at tcp:host=localhost,port=1: only unix:path= addresses are"
                + " supported (set DBUS_SYSTEM_BUS_ADDRESS to use another bus)", e.getMessage());
    }

    @Test
    void detach_ofAnImageNotAttached_onTheUserBus_suggestsTheUsersList(@TempDir Path dir) throws Exception {
        try (FakeBus bus = new FakeBus(dir.resolve("bus"), call -> Message.error(call,
                "org.freedesktop.systemd1.NoSuchUnit", "No unit files associated with 'hello' found attached."));
                HostConnection user = UserBus.fromEnvironment(Map.of("XDG_RUNTIME_DIR", dir.toString())).connect()) {
            NotAttachedException e = assertThrows(NotAttachedException.class,
                    () -> user.portables().detachImage("hello", List.of(), false));

            assertEquals("hello: not attached; 'portajava list --user' shows what is", e.getMessage());
        }
    }

    @Test
    void attach_ofAUnitThatExists_overATunnel_namesTheRemoteHost(@TempDir Path dir) throws Exception {
        try (FakeBus bus = new FakeBus(dir.resolve("bus"), call -> Message.error(call,
                "org.freedesktop.systemd1.UnitExists", "Unit file 'hello.service' exists on the host already."));
                SystemBus web1 = SystemBus.connectTunnel("unix:path=" + dir.resolve("bus"),
                        Target.remote(RemoteHost.parse("web1")))) {
            AttachConflictException e = assertThrows(AttachConflictException.class,
                    () -> web1.portables().attachImage("/var/lib/portables/hello.raw", List.of(), List.of(),
                            "default", false, CopyMode.AUTO, false));

            assertEquals("hello.service already exists on web1; detach it or use --force", e.getMessage());
        }
    }

    @Test
    void connect_toAUserBusThatIsMissing_namesTheUserBus(@TempDir Path dir) {
        BusUnavailableException e = assertThrows(BusUnavailableException.class,
                () -> UserBus.fromEnvironment(Map.of("XDG_RUNTIME_DIR", dir.toString())).connect());

        assertTrue(e.getMessage().startsWith("cannot connect to the user bus at unix:path=" + dir + "/bus: "),
                e.getMessage());
    }
}
