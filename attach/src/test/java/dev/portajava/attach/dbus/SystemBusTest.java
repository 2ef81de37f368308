package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.BusUnavailableException;
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
}
