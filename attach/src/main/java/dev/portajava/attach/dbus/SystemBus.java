package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.UnitManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;

/**
 * A connection to the system bus, serving {@link PortableImages} through portabled and {@link UnitManager} through
 * systemd. The address comes from {@code DBUS_SYSTEM_BUS_ADDRESS}, as for every D-Bus client.
 */
public final class SystemBus implements HostConnection {

    public static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";

    private final DBusConnection connection;
    private final PortableManager portable;
    private final SystemdUnits units;

    private SystemBus(DBusConnection connection) throws DBusException {
        this.connection = connection;
        this.portable = connection.getRemoteObject(PortableManager.BUS_NAME, PortableManager.OBJECT_PATH,
                PortableManager.class);
        this.units = new SystemdUnits(connection);
    }

    /** The system bus address: {@code DBUS_SYSTEM_BUS_ADDRESS} (its first entry), else the standard socket. */
    public static String address(Map<String, String> environment) {
        String value = environment.get("DBUS_SYSTEM_BUS_ADDRESS");
        if (value == null || value.isBlank()) {
            return DEFAULT_ADDRESS;
        }
        return value.split(";")[0];
    }

    /** Connects to the system bus of this process's environment. */
    public static HostConnection.Factory fromEnvironment() {
        String address = address(System.getenv());
        return () -> connect(address);
    }

    public static SystemBus connect(String address) throws AttachException {
        return connect(address, "the system bus", "set DBUS_SYSTEM_BUS_ADDRESS to use another bus");
    }

    /**
     * Connects to the bus at {@code address}, which serves portabled and systemd's manager as the system bus does
     * (a user's bus serves the user's); {@code bus} names it in a message, {@code hint} says how to pick another.
     */
    static SystemBus connect(String address, String bus, String hint) throws AttachException {
        Optional<Path> socket = socketPath(address);
        if (socket.isPresent() && !Files.exists(socket.get())) {
            // dbus-java would retry a missing socket for ten seconds before giving up
            throw new BusUnavailableException("cannot connect to " + bus + " at " + address + ": "
                    + socket.get() + " does not exist (" + hint + ")");
        }
        try {
            return new SystemBus(DBusConnectionBuilder.forAddress(address).withShared(false).build());
        } catch (DBusException | RuntimeException e) {
            throw new BusUnavailableException("cannot connect to " + bus + " at " + address + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())
                    + " (" + hint + ")", e);
        }
    }

    /**
     * Connects, in one attempt, to the bus behind a tunnel's socket ({@code dev.portajava.attach.remote.BusTunnel}):
     * the tunnel serves one connection, so dbus-java's retries for ten seconds would only wait for nothing.
     */
    public static SystemBus connectTunnel(String address) throws AttachException {
        try {
            return new SystemBus(DBusConnectionBuilder.forAddress(address).withShared(false).transportConfig()
                    .withTimeout(0).back().build());
        } catch (DBusException | RuntimeException e) {
            throw new BusUnavailableException(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()),
                    e);
        }
    }

    /** The socket file of a {@code unix:path=…} address; empty for other transports. */
    static Optional<Path> socketPath(String address) {
        if (!address.startsWith("unix:")) {
            return Optional.empty();
        }
        for (String parameter : address.substring("unix:".length()).split(",")) {
            if (parameter.startsWith("path=")) {
                return Optional.of(Path.of(parameter.substring("path=".length())));
            }
        }
        return Optional.empty();
    }

    @Override
    public PortableImages portables() {
        return new PortabledImages();
    }

    @Override
    public UnitManager units() {
        return units;
    }

    /** True if portabled owns its bus name, or the bus starts it by that name when asked. */
    @Override
    public boolean portabledAvailable() throws AttachException {
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (List.of(bus.ListNames()).contains(PortableManager.BUS_NAME)) {
                return true;
            }
            if (!List.of(bus.ListActivatableNames()).contains(PortableManager.BUS_NAME)) {
                return false;
            }
            try {
                bus.StartServiceByName(PortableManager.BUS_NAME, new UInt32(0));
                return true;
            } catch (DBusExecutionException e) {
                return false; // activatable in name only: its unit is masked or missing
            }
        } catch (DBusException e) {
            throw new AttachException("cannot ask the bus for portabled: " + e.getMessage(), e);
        } catch (DBusExecutionException e) {
            throw DBusErrors.translate(e, "bus names", "org.freedesktop.DBus");
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // nothing is pending on a connection we are done with
        }
    }

    static List<Change> changes(List<PortableChange> wire) {
        return wire.stream().map(c -> new Change(ChangeType.parse(c.type), c.path, c.source)).toList();
    }

    private final class PortabledImages implements PortableImages {

        @Override
        public List<String> profiles() throws AttachException {
            try {
                Properties properties = connection.getRemoteObject(PortableManager.BUS_NAME,
                        PortableManager.OBJECT_PATH, Properties.class);
                List<String> profiles = properties.Get(PortableManager.INTERFACE, "Profiles");
                return List.copyOf(profiles);
            } catch (DBusException e) {
                throw new AttachException("cannot reach portabled: " + e.getMessage(), e);
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, "profiles", PortableManager.BUS_NAME);
            }
        }

        @Override
        public List<ImageInfo> listImages() throws AttachException {
            try {
                return portable.ListImages().stream().map(i -> new ImageInfo(i.name, i.type, i.readOnly,
                        instant(i.crtime), instant(i.mtime), i.usage.longValue(), ImageState.parse(i.state),
                        i.object.getPath())).toList();
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, "list", PortableManager.BUS_NAME);
            }
        }

        @Override
        public ImageState imageState(String image, List<String> extensions) throws AttachException {
            try {
                return ImageState.parse(extensions.isEmpty() ? portable.GetImageState(image)
                        : portable.GetImageStateWithExtensions(image, extensions, new UInt64(0)));
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, image, PortableManager.BUS_NAME);
            }
        }

        @Override
        public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches,
                boolean force) throws AttachException {
            try {
                Map<String, List<Byte>> wireUnits;
                Map<String, String> releases = new LinkedHashMap<>();
                String path;
                List<Byte> osRelease;
                if (extensions.isEmpty() && !force) {
                    PortableImageMetadata metadata = portable.GetImageMetadata(image, matches);
                    path = metadata.path;
                    osRelease = metadata.osRelease;
                    wireUnits = metadata.units;
                } else {
                    PortableImageMetadataWithExtensions metadata = portable.GetImageMetadataWithExtensions(image,
                            extensions, matches, new UInt64(force ? PortableManager.FLAG_FORCE_EXTENSION : 0));
                    path = metadata.path;
                    osRelease = metadata.osRelease;
                    wireUnits = metadata.units;
                    metadata.extensionReleases.forEach((name, content) -> releases.put(name,
                            PortableImageMetadata.text(content)));
                }
                TreeMap<String, String> units = new TreeMap<>();
                wireUnits.forEach((name, content) -> units.put(name, PortableImageMetadata.text(content)));
                return ImageMetadata.of(path, PortableImageMetadata.text(osRelease), releases, units);
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, image, PortableManager.BUS_NAME);
            }
        }

        @Override
        public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
                boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
            try {
                if (!force && extensions.isEmpty()) {
                    return changes(portable.AttachImage(image, matches, profile, runtime, copyMode.wireName()));
                }
                return changes(portable.AttachImageWithExtensions(image, extensions, matches, profile,
                        copyMode.wireName(), flags(runtime, force)));
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, image, PortableManager.BUS_NAME);
            }
        }

        @Override
        public List<Change> detachImage(String image, List<String> extensions, boolean runtime)
                throws AttachException {
            try {
                return changes(extensions.isEmpty() ? portable.DetachImage(image, runtime)
                        : portable.DetachImageWithExtensions(image, extensions, flags(runtime, false)));
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, image, PortableManager.BUS_NAME);
            }
        }

        @Override
        public dev.portajava.attach.ReattachChanges reattachImage(String image, List<String> extensions,
                List<String> matches, String profile, boolean runtime, CopyMode copyMode, boolean force)
                throws AttachException {
            try {
                ReattachChanges changes = !force && extensions.isEmpty()
                        ? portable.ReattachImage(image, matches, profile, runtime, copyMode.wireName())
                        : portable.ReattachImageWithExtensions(image, extensions, matches, profile,
                                copyMode.wireName(), flags(runtime, force));
                return new dev.portajava.attach.ReattachChanges(changes(changes.removedList()),
                        changes(changes.updatedList()));
            } catch (DBusExecutionException e) {
                throw DBusErrors.translate(e, image, PortableManager.BUS_NAME);
            }
        }

        /** The flags of a {@code …WithExtensions} call; {@code --force} sets both force flags, as portablectl does. */
        private static UInt64 flags(boolean runtime, boolean force) {
            return new UInt64((runtime ? PortableManager.FLAG_RUNTIME : 0)
                    | (force ? PortableManager.FLAG_FORCE_ATTACH | PortableManager.FLAG_FORCE_EXTENSION : 0));
        }

        private static Optional<Instant> instant(UInt64 micros) {
            long value = micros.longValue();
            return value == 0 ? Optional.empty() : Optional.of(Instant.EPOCH.plusNanos(value * 1000));
        }
    }
}
