package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.NativeHost;
import dev.portajava.attach.local.NativeImages;
import dev.portajava.attach.local.OfflineUnits;
import dev.portajava.attach.local.StepHook;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects to a host with the backend asked for: portabled over the system bus, the native backend against the
 * running system (systemd still over the bus), or the native backend against a root tree that is not running (no
 * bus at all). {@code auto} takes portabled when its bus name can be activated. The choice is told to {@code notes}.
 */
public final class HostSelector implements HostConnection.Factory {

    private final Backend backend;
    private final HostConnection.Factory bus;
    private final Optional<Path> root;
    private final Optional<String> imagePath;
    private final Consumer<String> notes;
    private final StepHook hook;

    public HostSelector(Backend backend, HostConnection.Factory bus, Optional<Path> root, Optional<String> imagePath,
            Consumer<String> notes, StepHook hook) {
        this.backend = backend;
        this.bus = bus;
        this.root = root;
        this.imagePath = imagePath;
        this.notes = notes;
        this.hook = hook;
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
            return new NativeHost(new NativeImages(tree, units, imagePath, hook), units, () -> { });
        }
        HostConnection connection = bus.connect();
        try {
            if (backend == Backend.PORTABLED) {
                notes.accept("backend: portabled");
                return connection;
            }
            if (backend == Backend.AUTO && connection.portabledAvailable()) {
                notes.accept("backend: portabled (org.freedesktop.portable1 can be activated)");
                return connection;
            }
            notes.accept(backend == Backend.AUTO
                    ? "backend: native (org.freedesktop.portable1 cannot be activated on this bus)"
                    : "backend: native");
            HostTree tree = HostTree.live();
            return new NativeHost(new NativeImages(tree, connection.units(), imagePath, hook), connection.units(),
                    connection);
        } catch (AttachException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
