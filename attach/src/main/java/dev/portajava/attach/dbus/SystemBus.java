package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.Change;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.Target;
import dev.portajava.attach.UnitManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to the system bus, serving {@link PortableImages} through portabled and {@link UnitManager} through
 * systemd. The address comes from {@code DBUS_SYSTEM_BUS_ADDRESS}, as for every D-Bus client. The same client serves
 * the user's bus and a remote host's system bus; its {@link Target} says which, for the hints of its errors.
 */
public final class SystemBus implements HostConnection {

    public static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";

    private final BusConnection connection;
    private final Target target;
    private final PortableManager portable;
    private final SystemdUnits units;

    private SystemBus(BusConnection connection, Target target) {
        this.connection = connection;
        this.target = target;
        this.portable = new PortableManager(connection);
        this.units = new SystemdUnits(connection, target);
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
        return connect(address, Target.SYSTEM, "set DBUS_SYSTEM_BUS_ADDRESS to use another bus");
    }

    /**
     * Connects to the bus at {@code address}, which serves portabled and systemd's manager as the system bus does
     * (a user's bus serves the user's); {@code target} says which bus it is, {@code hint} how to pick another.
     */
    static SystemBus connect(String address, Target target, String hint) throws AttachException {
        String bus = target.bus();
        Optional<Path> socket = socketPath(address);
        if (socket.isEmpty()) {
            throw new BusUnavailableException("cannot connect to " + bus + " at " + address + ": only unix:path="
                    + " addresses are supported (" + hint + ")");
        }
        if (!Files.exists(socket.get())) {
            throw new BusUnavailableException("cannot connect to " + bus + " at " + address + ": "
                    + socket.get() + " does not exist (" + hint + ")");
        }
        try {
            return new SystemBus(BusConnection.open(socket.get()), target);
        } catch (IOException e) {
            throw new BusUnavailableException("cannot connect to " + bus + " at " + address + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()) + " (" + hint + ")", e);
        }
    }

    /**
     * Connects to the bus behind a tunnel's socket ({@code dev.portajava.attach.remote.BusTunnel}): that of
     * {@code target}, a remote host's.
     */
    public static SystemBus connectTunnel(String address, Target target) throws AttachException {
        Optional<Path> socket = socketPath(address);
        try {
            return new SystemBus(BusConnection.open(socket.orElseThrow(() -> new IOException(
                    "not a unix:path= address: " + address))), target);
        } catch (IOException e) {
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
    public Target target() {
        return target;
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
            if (names("ListNames").contains(PortableManager.BUS_NAME)) {
                return true;
            }
            if (!names("ListActivatableNames").contains(PortableManager.BUS_NAME)) {
                return false;
            }
            try {
                connection.callBus("StartServiceByName", "su", "u", PortableManager.BUS_NAME, 0L);
                return true;
            } catch (BusError e) {
                return false; // activatable in name only: its unit is masked or missing
            }
        } catch (BusError e) {
            throw DBusErrors.translate(e, target, "bus names", BusConnection.BUS);
        }
    }

    private List<?> names(String method) throws BusError {
        return (List<?>) connection.callBus(method, "", "as").get(0);
    }

    @Override
    public void close() {
        connection.close();
    }

    private final class PortabledImages implements PortableImages {

        @Override
        public List<String> profiles() throws AttachException {
            return call("profiles", portable::Profiles);
        }

        @Override
        public List<ImageInfo> listImages() throws AttachException {
            return call("list", portable::ListImages);
        }

        @Override
        public ImageState imageState(String image, List<String> extensions) throws AttachException {
            return ImageState.parse(call(image, () -> extensions.isEmpty() ? portable.GetImageState(image)
                    : portable.GetImageStateWithExtensions(image, extensions, 0)));
        }

        @Override
        public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches,
                boolean force) throws AttachException {
            return call(image, () -> extensions.isEmpty() && !force ? portable.GetImageMetadata(image, matches)
                    : portable.GetImageMetadataWithExtensions(image, extensions, matches,
                            force ? PortableManager.FLAG_FORCE_EXTENSION : 0));
        }

        @Override
        public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
                boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
            return call(image, () -> !force && extensions.isEmpty()
                    ? portable.AttachImage(image, matches, profile, runtime, copyMode.wireName())
                    : portable.AttachImageWithExtensions(image, extensions, matches, profile, copyMode.wireName(),
                            flags(runtime, force)));
        }

        @Override
        public List<Change> detachImage(String image, List<String> extensions, boolean runtime)
                throws AttachException {
            return call(image, () -> extensions.isEmpty() ? portable.DetachImage(image, runtime)
                    : portable.DetachImageWithExtensions(image, extensions, flags(runtime, false)));
        }

        @Override
        public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches,
                String profile, boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
            return call(image, () -> !force && extensions.isEmpty()
                    ? portable.ReattachImage(image, matches, profile, runtime, copyMode.wireName())
                    : portable.ReattachImageWithExtensions(image, extensions, matches, profile, copyMode.wireName(),
                            flags(runtime, force)));
        }

        /** The flags of a {@code …WithExtensions} call; {@code --force} sets both force flags, as portablectl does. */
        private static long flags(boolean runtime, boolean force) {
            return (runtime ? PortableManager.FLAG_RUNTIME : 0)
                    | (force ? PortableManager.FLAG_FORCE_ATTACH | PortableManager.FLAG_FORCE_EXTENSION : 0);
        }

        private <T> T call(String subject, DBusErrors.BusCall<T> call) throws AttachException {
            return DBusErrors.translating(target, subject, PortableManager.BUS_NAME, call);
        }
    }
}
