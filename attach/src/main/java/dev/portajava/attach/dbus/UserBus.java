package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.Target;
import dev.portajava.tree.FileNames;
import java.util.Map;
import java.util.Optional;

/**
 * The calling user's bus, where systemd 260+ serves a per-user portabled ({@code portablectl --user}) beside the
 * user's service manager. Found as sd-bus finds it: {@code DBUS_SESSION_BUS_ADDRESS}, else
 * {@code $XDG_RUNTIME_DIR/bus}.
 */
public final class UserBus {

    private static final String HINT = "log in as that user, or start the user's manager with 'loginctl"
            + " enable-linger USER' and set XDG_RUNTIME_DIR=/run/user/UID";

    private UserBus() {
    }

    /** The user bus's address in {@code environment}; empty when neither variable names one. */
    public static Optional<String> address(Map<String, String> environment) {
        String session = environment.get("DBUS_SESSION_BUS_ADDRESS");
        if (session != null && !session.isBlank()) {
            return Optional.of(session.split(";")[0]);
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/")) {
            return Optional.of("unix:path=" + FileNames.withoutTrailingSlashes(runtime) + "/bus");
        }
        return Optional.empty();
    }

    /** Connects to the user bus {@code environment} names, refusing (exit 3) when it names none. */
    public static HostConnection.Factory fromEnvironment(Map<String, String> environment) {
        return new Connector(address(environment));
    }

    /**
     * Connects to the user bus at {@code address}; a class, not a lambda: the commands that attach and detach link none
     * (StartupTest).
     */
    private record Connector(Optional<String> address) implements HostConnection.Factory {

        @Override
        public HostConnection connect() throws AttachException {
            if (address.isEmpty()) {
                throw new BusUnavailableException("--user: there is no user bus: neither DBUS_SESSION_BUS_ADDRESS"
                        + " nor XDG_RUNTIME_DIR is set (" + HINT + ")");
            }
            return SystemBus.connect(address.get(), Target.USER, HINT);
        }
    }
}
