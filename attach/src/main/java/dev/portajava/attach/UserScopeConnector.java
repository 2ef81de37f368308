package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.PortabledHost;
import dev.portajava.attach.local.SystemdVersion;
import dev.portajava.name.PortableScope;
import java.util.function.Consumer;

/**
 * Connects to the calling user's portabled ({@code --user}): the one systemd 260+ serves on the user's bus, beside
 * the user's service manager, attaching into the user's unit directories. Refuses, with one line, a user bus without
 * it and a systemd older than 260. Only portabled attaches for a user: portajava's native backend writes the system's
 * files. Images are read and checked here first, as for the system's portabled ({@link PortabledHost}).
 */
public final class UserScopeConnector implements HostConnection.Factory {

    /** The first systemd with a per-user portabled. */
    public static final int FIRST_VERSION = 260;

    private final HostConnection.Factory userBus;
    private final HostTree live;
    private final Consumer<String> notes;

    public UserScopeConnector(HostConnection.Factory userBus, HostTree live, Consumer<String> notes) {
        this.userBus = userBus;
        this.live = live;
        this.notes = notes;
    }

    @Override
    public HostConnection connect() throws AttachException {
        HostConnection connection = userBus.connect();
        try {
            String reported = connection.units().systemdVersion();
            SystemdVersion version;
            try {
                version = SystemdVersion.parse(reported);
            } catch (IllegalArgumentException e) {
                throw new AttachException("the user's systemd reports a version portajava cannot read: " + reported, e);
            }
            if (version.major() < FIRST_VERSION) {
                throw new UnsupportedBySystemdException("--user needs systemd " + FIRST_VERSION + " or later, whose"
                        + " portabled serves each user; this host runs systemd " + version);
            }
            if (!connection.portabledAvailable()) {
                throw new PortabledUnavailableException("--user: systemd-portabled cannot be started on the user's"
                        + " bus (dbus-org.freedesktop.portable1.service of the user's manager is missing or masked)");
            }
            notes.accept("backend: the user's portabled (systemd " + version + ", on the user's bus)");
            return new PortabledHost(connection, live, PortableScope.USER);
        } catch (AttachException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
