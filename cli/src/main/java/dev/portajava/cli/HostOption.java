package dev.portajava.cli;

import dev.portajava.attach.HostConnection;
import dev.portajava.attach.dbus.SystemBus;
import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.remote.RemoteConnector;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.attach.remote.SshSession;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -H}: the remote host a command works on, over ssh, as for {@code systemctl -H}. */
final class HostOption {

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = {"Work on the remote host [USER@]HOST[:PORT] over ssh, as systemctl -H does: its portabled"
                + " is reached through systemd-stdio-bridge. An image given by path is read here, and copied into the"
                + " host's /var/lib/portables to be attached; an image name is the host's."})
    RemoteHost host;

    Optional<RemoteHost> remote() {
        return Optional.ofNullable(host);
    }

    /** The remote host's portabled, over the ssh binary the environment names ({@code SYSTEMD_SSH}). */
    HostConnection.Factory connector(Main main, CommandSpec spec) {
        return new RemoteConnector(host, SshSession.sshBinary(main.environment().variables()),
                SystemBus::connectTunnel, HostTree.live(), notes(main, spec));
    }

    /** What a backend says it chose, and where an image went: on standard error with {@code --verbose}. */
    static Consumer<String> notes(Main main, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return note -> {
            if (main.verbose) {
                err.println(note);
                err.flush();
            }
        };
    }
}
