package dev.portajava.cli;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.dbus.SystemBus;
import dev.portajava.attach.dbus.UserBus;
import java.util.Map;

/**
 * What a command takes from outside its arguments: the environment variables, and how to reach the host's
 * portabled and systemd, and the calling user's ({@code --user}). Tests pass their own.
 */
public record Environment(Map<String, String> variables, HostConnection.Factory connector,
        HostConnection.Factory userConnector) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** These variables and system bus, and the user bus the variables name. */
    public Environment(Map<String, String> variables, HostConnection.Factory connector) {
        this(variables, connector, UserBus.fromEnvironment(variables));
    }

    /**
     * This process's environment and the system bus it names. The D-Bus client is loaded when a command connects,
     * not before: a command that needs no bus ({@code --root}, {@code build}) never loads it.
     */
    public static Environment system() {
        Map<String, String> variables = System.getenv();
        return new Environment(variables, new SystemBusConnector(variables));
    }

    /**
     * Connects to the system bus the variables name; a class, not a lambda: the commands that attach and detach link
     * none (StartupTest).
     */
    private record SystemBusConnector(Map<String, String> variables) implements HostConnection.Factory {

        @Override
        public HostConnection connect() throws AttachException {
            return SystemBus.connect(SystemBus.address(variables));
        }
    }
}
