package dev.portajava.cli;

import dev.portajava.attach.HostConnection;
import dev.portajava.attach.dbus.SystemBus;
import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.remote.RemoteConnector;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.attach.remote.SshSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code -H}: the remote host a command works on, over ssh, as for {@code systemctl -H}. */
final class HostOption {

    static final Option<RemoteHost> HOST = Option.value(List.of("-H", "--host"), "HOST", ValueType.HOST,
            "Work on the remote host [USER@]HOST[:PORT] over ssh, as systemctl -H does: its portabled is reached"
                    + " through systemd-stdio-bridge. An image given by path is read here, and copied into the"
                    + " host's /var/lib/portables to be attached, and removed again once detached or replaced; an"
                    + " image name is the host's.");
    /**
     * {@code -H} of a command that works on this machine only ({@code install}, {@code update}, {@code uninstall}):
     * taken to be refused in one line ({@link BackendOptions#refuseRemote}), and described as that.
     */
    static final Option<RemoteHost> REFUSED = Option.value(List.of("-H", "--host"), "HOST", ValueType.HOST,
            "Refused: this command works on this machine only, as it keeps the downloaded versions here. Run it on"
                    + " the remote host itself, or attach an image from here with 'portajava attach -H HOST'.");

    private final Invocation invocation;
    final RemoteHost host;

    HostOption(Invocation invocation) {
        this.invocation = invocation;
        RemoteHost given = invocation.value(HOST);
        this.host = given != null ? given : invocation.value(REFUSED);
    }

    Optional<RemoteHost> remote() {
        return Optional.ofNullable(host);
    }

    /** The remote host's portabled, over the ssh binary the environment names ({@code SYSTEMD_SSH}). */
    HostConnection.Factory connector() {
        return new RemoteConnector(host, SshSession.sshBinary(invocation.environment().variables()),
                SystemBus::connectTunnel, HostTree.live(), notes(invocation));
    }

    /**
     * What a backend says it chose, and where an image went: on standard error with {@code --verbose}; a warning
     * (a note that starts {@code warning: }) always.
     */
    static Consumer<String> notes(Invocation invocation) {
        return new Notes(invocation.err(), invocation.verbose());
    }

    /**
     * Prints the notes with {@code --verbose}, and warnings; a class, not a lambda: the commands that attach and detach link none
     * (StartupTest).
     */
    private record Notes(PrintWriter err, boolean verbose) implements Consumer<String> {

        @Override
        public void accept(String note) {
            if (verbose || note.startsWith("warning: ")) {
                err.println(note);
                err.flush();
            }
        }
    }
}
