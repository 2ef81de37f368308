package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.MachineId;
import dev.portajava.attach.local.NativeHost;
import dev.portajava.attach.local.NativeImages;
import dev.portajava.attach.local.OfflineUnits;
import dev.portajava.attach.local.PortabledHost;
import dev.portajava.attach.local.StepHook;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects to a host with the backend asked for: portabled over the system bus, the native backend against the
 * running system (systemd still over the bus), or the native backend against a root tree that is not running (no
 * bus at all). {@code auto} takes portabled when its bus name can be activated. The choice is told to {@code notes}.
 * With portabled, portajava reads and checks every image before portabled does ({@link PortabledHost}); the native
 * backend refuses a bus that belongs to another machine than the one it writes.
 */
public final class HostSelector implements HostConnection.Factory {

    private final Backend backend;
    private final HostConnection.Factory bus;
    private final Optional<Path> root;
    private final Optional<String> imagePath;
    private final Consumer<String> notes;
    private final StepHook hook;
    private final HostTree live;

    /**
     * @param live the file system of the machine this process runs on ({@link HostTree#live()}): the native
     *     backend writes it, and both backends read images named by a bare name from its image search path
     */
    public HostSelector(Backend backend, HostConnection.Factory bus, Optional<Path> root, Optional<String> imagePath,
            Consumer<String> notes, StepHook hook, HostTree live) {
        this.backend = backend;
        this.bus = bus;
        this.root = root;
        this.imagePath = imagePath;
        this.notes = notes;
        this.hook = hook;
        this.live = live;
    }

    public HostSelector(Backend backend, HostConnection.Factory bus, Optional<Path> root, Optional<String> imagePath,
            Consumer<String> notes, StepHook hook) {
        this(backend, bus, root, imagePath, notes, hook, HostTree.live());
    }

    public HostSelector(Backend backend, HostConnection.Factory bus, Optional<Path> root, Optional<String> imagePath,
            Consumer<String> notes) {
        this(backend, bus, root, imagePath, notes, StepHook.NONE);
    }

    @Override
    public HostConnection connect() throws AttachException {
        if (root.isPresent()) {
            if (backend == Backend.PORTABLED) {
                throw new PortabledUnavailableException("--root works with the native backend only: portabled"
                        + " attaches to the system it runs on");
            }
            HostTree tree = HostTree.offline(root.get());
            OfflineUnits units = new OfflineUnits(tree);
            notes.accept("backend: native, into the root " + tree.root() + " (no D-Bus, no reload)");
            return new NativeHost(new NativeImages(tree, units, imagePath, hook), units);
        }
        HostConnection connection = bus.connect();
        try {
            if (backend == Backend.PORTABLED) {
                if (!connection.portabledAvailable()) {
                    throw new PortabledUnavailableException("--backend portabled: systemd-portabled cannot be"
                            + " started on this system bus (it is not installed, or its unit is masked); use"
                            + " --backend native, which attaches without it");
                }
                notes.accept("backend: portabled");
                return new PortabledHost(connection, live);
            }
            if (backend == Backend.AUTO && connection.portabledAvailable()) {
                notes.accept("backend: portabled (org.freedesktop.portable1 can be activated)");
                return new PortabledHost(connection, live);
            }
            notes.accept(backend == Backend.AUTO
                    ? "backend: native (org.freedesktop.portable1 cannot be activated on this bus)"
                    : "backend: native");
            requireSameMachine(connection.units());
            return new NativeHost(new NativeImages(live, connection.units(), imagePath, hook), connection.units(),
                    connection);
        } catch (AttachException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The native backend writes units into {@link #live} and reloads, enables and starts them through the bus: both
     * must be the same machine. A tree without a machine id cannot be shown to be the bus's machine (a container
     * reaching its host's bus through a bound socket has none), so it is refused too.
     */
    private void requireSameMachine(UnitManager units) throws AttachException {
        String bus = units.machineId().strip();
        Path file = live.onDisk("/etc/machine-id");
        Optional<MachineId> here = MachineId.of(live);
        if (here.isEmpty()) {
            throw new ForeignBusException(file + " is missing or empty, so the system bus (machine " + bus
                    + ") cannot be shown to be this machine's; the native backend writes units here and reloads"
                    + " systemd through that bus (check DBUS_SYSTEM_BUS_ADDRESS, or attach into a tree with --root)");
        }
        if (!here.get().is(bus)) {
            throw new ForeignBusException("the system bus belongs to machine " + bus + ", but " + file + " says "
                    + here.get() + "; the native backend would write units here and reload another machine's systemd"
                    + " (point DBUS_SYSTEM_BUS_ADDRESS at this machine's bus, or attach into a tree with --root)");
        }
    }
}
