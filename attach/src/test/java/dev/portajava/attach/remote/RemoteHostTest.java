package dev.portajava.attach.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -H} as systemd's own test of {@code bus_set_address_system_remote} has sd-bus read it. */
class RemoteHostTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "host|-xT -- host systemd-stdio-bridge",
        "host:123|-xT -p 123 -- host systemd-stdio-bridge",
        "user@host|-xT -- user@host systemd-stdio-bridge",
        "[::1]|-xT -- ::1 systemd-stdio-bridge",
        "user@[::1]|-xT -- user@::1 systemd-stdio-bridge",
        "user@[::1]:99|-xT -p 99 -- user@::1 systemd-stdio-bridge",
        "root@example.com:2222|-xT -p 2222 -- root@example.com systemd-stdio-bridge"})
    void parse_givesSshTheArgumentsSdBusGivesIt(String text, String arguments) {
        RemoteHost host = RemoteHost.parse(text);

        assertEquals(arguments, String.join(" ", host.sshArguments(List.of(), List.of("systemd-stdio-bridge"))));
        assertEquals(text, host.toString());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"host:123:123", "host:", "user@host@host", "@host", "user@", "", "[::1", "host:0",
        "host:65536", "host:12a", "-oProxyCommand=x", "user name@host", "-l@host"})
    void parse_refusesWhatSdBusRefuses_andWhatSshWouldTakeForAnOption(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteHost.parse(text));

        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
