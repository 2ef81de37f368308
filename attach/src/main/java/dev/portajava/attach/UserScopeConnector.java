package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.NativeHost;
import dev.portajava.attach.local.NativeImages;
import dev.portajava.attach.local.OfflineUnits;
import dev.portajava.attach.local.PortabledHost;
import dev.portajava.attach.local.ScopePaths;
import dev.portajava.attach.local.StepHook;
import dev.portajava.attach.local.SystemdVersion;
import dev.portajava.name.PortableScope;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects to the calling user's service manager ({@code --user}), which systemd 260+ serves with a portabled of its
 * own on the user's bus. With portabled, the user's portabled attaches into the user's unit directories; with the
 * native backend, portajava writes the same files there itself, as the user, and reloads the user's manager over the
 * user's bus; without that bus, the native backend writes them for the manager to read when it starts. {@code auto}
 * takes the user's portabled when its bus name can be activated. Refuses, with one line, a systemd older than 260.
 * Images are read and checked here first, as for the system's portabled ({@link PortabledHost}).
 */
public final class UserScopeConnector implements HostConnection.Factory {

    /** The first systemd with a per-user portabled. */
    public static final int FIRST_VERSION = 260;

    private final Backend backend;
    private final HostConnection.Factory userBus;
    private final Map<String, String> environment;
    private final Consumer<String> notes;

    /** @param environment the user's variables, which name the user's directories ({@link ScopePaths#user}) */
    public UserScopeConnector(Backend backend, HostConnection.Factory userBus, Map<String, String> environment,
            Consumer<String> notes) {
        this.backend = backend;
        this.userBus = userBus;
        this.environment = Map.copyOf(environment);
        this.notes = notes;
    }

    /** This machine with the directories of the user {@code environment} describes. */
    public static HostTree userTree(Map<String, String> environment) throws BusUnavailableException {
        try {
            return HostTree.user(ScopePaths.user(environment));
        } catch (IllegalArgumentException e) {
            throw new BusUnavailableException("--user: " + e.getMessage());
        }
    }

    @Override
    public HostConnection connect() throws AttachException {
        HostConnection connection;
        try {
            connection = userBus.connect();
        } catch (BusUnavailableException e) {
            if (backend != Backend.NATIVE) {
                throw e;
            }
            return offline(e);
        }
        try {
            SystemdVersion version = version(connection.units());
            HostTree user = userTree(environment);
            if (backend != Backend.NATIVE && connection.portabledAvailable()) {
                notes.accept("backend: the user's portabled (systemd " + version + ", on the user's bus)");
                return new PortabledHost(connection, user, PortableScope.USER);
            }
            if (backend == Backend.PORTABLED) {
                throw new PortabledUnavailableException("--user: systemd-portabled cannot be started on the user's"
                        + " bus (dbus-org.freedesktop.portable1.service of the user's manager is missing or masked);"
                        + " use --backend native, which attaches without it");
            }
            notes.accept("backend: native, into " + user.attachedDirectory(false) + " (systemd " + version
                    + ", the user's manager reloaded on the user's bus)");
            return new NativeHost(new NativeImages(user, connection.units(), Optional.empty(), StepHook.NONE),
                    connection.units(), connection);
        } catch (AttachException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The native backend without the user's bus, as with {@code --root}: the user's manager is not running (or not
     * reachable), so the units are written for it to read when it starts; nothing is reloaded or started, and
     * {@code --enable} links the units as {@code systemctl --user} would. systemd's version is this machine's.
     */
    private HostConnection offline(BusUnavailableException why) throws AttachException {
        ScopePaths paths;
        try {
            paths = ScopePaths.user(environment);
        } catch (IllegalArgumentException e) {
            throw why;
        }
        HostTree tree = new HostTree(Path.of("/"), true, paths);
        OfflineUnits units = new OfflineUnits(tree, "there is no user bus, so your service manager cannot be"
                + " reached (" + why.getMessage() + "); attach without --now, and the manager reads the units when it"
                + " starts");
        SystemdVersion version = version(units);
        notes.accept("backend: native, into " + tree.attachedDirectory(false) + " (systemd " + version + "; no user"
                + " bus: your manager is not reloaded, and reads the units when it starts)");
        return new NativeHost(new NativeImages(tree, units, Optional.empty(), StepHook.NONE), units);
    }

    private static SystemdVersion version(UnitManager units) throws AttachException {
        String reported = units.systemdVersion();
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
        return version;
    }
}
