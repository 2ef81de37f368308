package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachCommandTest {

    private final FakeHost host = new FakeHost();

    @Test
    void attach_whenProfileUnknown_exits2AndNeverAttaches() {
        Cli cli = Cli.run(host, "attach", "/srv/hello.raw", "--profile", "nope");

        assertEquals(2, cli.code());
        assertEquals("portajava: unknown profile 'nope'; known profiles: default, jit, nonetwork, strict, trusted",
                cli.errLine());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
        assertEquals("", cli.out());
    }

    @Test
    void attach_whenProfileNameIsMalformed_exits2WithoutConnecting() {
        Cli cli = Cli.run(host, "attach", "/srv/hello.raw", "--profile", "../etc");

        assertEquals(2, cli.code());
        assertEquals(List.of("portajava: Invalid value for option '--profile': '../etc' is not a valid profile name",
                "Try 'portajava attach --help' for more information."), cli.err().lines().toList());
        assertEquals(List.of(), host.calls);
    }

    @Test
    void attach_withKnownProfileAndNow_attachesReloadsAndStarts(@TempDir Path dir) throws Exception {
        Path image = TestImages.hello(dir, "hello_1");

        Cli cli = Cli.run(host, "attach", image.toString(), "--profile", "strict", "--now");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("profiles", "attachImage " + image + " strict", "reload", "start hello.service", "close"),
                host.calls);
        assertTrue(cli.out().contains("Copied /etc/systemd/system.attached/hello.service."), cli.out());
        assertTrue(cli.out().contains("Started hello.service (active/running)."), cli.out());
    }

    @Test
    void attach_whenCopyModeUnknown_exits2() {
        Cli cli = Cli.run(host, "attach", "/srv/hello.raw", "--copy", "hardlink");

        assertEquals(2, cli.code());
        assertEquals(List.of(), host.calls);
    }

    @Test
    void attachReattachDetachIsAttached_ofAFileNameThatIsNoImageName_exit2WithoutConnecting() {
        for (String command : new String[] {"attach", "reattach", "detach", "is-attached"}) {
            // jit is built into portajava but not offered by the host: attach would install it for portabled first
            Cli cli = command.endsWith("attach")
                    ? Cli.run(host, command, "/srv/hello%n.raw", "--backend", "portabled", "--profile", "jit")
                    : Cli.run(host, command, "/srv/hello%n.raw", "--backend", "portabled");

            assertEquals(2, cli.code(), command + ": " + cli.err());
            assertEquals("portajava: /srv/hello%n.raw: 'hello%n' is not a valid image name (letters, digits, '.', ':'"
                    + " and '-', starting with a letter or digit, at most 64 characters)", cli.errLine());
            assertEquals("", cli.out());
        }
        assertEquals(List.of(), host.calls);
    }
}
