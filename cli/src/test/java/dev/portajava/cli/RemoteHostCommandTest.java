package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code -H} refusals that need no remote host: what it cannot be combined with, a malformed host, and an ssh that
 * cannot be run. None of them touches the local bus. The remote host itself is tested against a real sshd and
 * systemd in the integration tests (RemoteHostIT).
 */
class RemoteHostCommandTest {

    @Test
    void remote_withTheNativeBackend_isRefusedAsBadUsage() {
        Cli cli = Cli.runWithoutBus("attach", "-H", "root@host", "hello.raw", "--backend", "native");

        assertEquals(2, cli.code());
        assertEquals("portajava: -H works with portabled only: the native backend writes this machine's files (use"
                + " --backend auto or portabled)", cli.errLine());
    }

    @Test
    void remote_withRoot_isRefusedAsBadUsage() {
        Cli cli = Cli.runWithoutBus("detach", "-H", "host", "hello", "--root", "/");

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: -H and --root exclude each other"), cli.err());
    }

    @Test
    void remote_malformedHost_isRefusedAsBadUsage() {
        Cli cli = Cli.runWithoutBus("list", "-H", "user@host:port");

        assertEquals(2, cli.code());
        assertTrue(cli.err().startsWith("portajava: Invalid value for option '--host': 'user@host:port' is not"
                + " [USER@]HOST[:PORT]"), cli.err());
    }

    @Test
    void remote_installUpdateUninstall_areRefused_theyKeepTheirStateOnThisMachine() {
        for (String[] args : new String[][] {
            {"install", "-H", "host", "hello", "--feed", "/nonexistent/feed"}, {"update", "-H", "host"},
            {"uninstall", "--host", "host", "hello"}
        }) {
            Cli cli = Cli.runWithoutBus(args);

            assertEquals(2, cli.code(), cli.err());
            assertEquals("portajava: " + args[0] + " works on this machine only (-H host): it keeps the downloaded"
                    + " versions here; run it on that host, or attach a local image there with 'portajava attach"
                    + " -H'", cli.errLine());
        }
    }

    @Test
    void remote_sshThatCannotRun_isAnEnvironmentProblem_inOneLine() {
        Cli cli = Cli.run(new FakeHost(), Map.of("SYSTEMD_SSH", "/nonexistent/portajava-test-ssh"), "list", "-H",
                "host");

        assertEquals(3, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: cannot run /nonexistent/portajava-test-ssh to reach host: "),
                cli.err());
    }
}
