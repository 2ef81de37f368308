package dev.portajava.attach.local;

import dev.portajava.attach.HostConnection;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.Target;
import dev.portajava.attach.UnitManager;

/** A host served by the native backend: portajava's own attach logic, and systemd (live, or a root tree's). */
public final class NativeHost implements HostConnection {

    private final NativeImages images;
    private final UnitManager units;
    private final HostConnection bus;

    /** @param bus what to close with this connection: the bus its units are managed over */
    public NativeHost(NativeImages images, UnitManager units, HostConnection bus) {
        this.images = images;
        this.units = units;
        this.bus = bus;
    }

    /** A host without a bus to close: a root tree's. */
    public NativeHost(NativeImages images, UnitManager units) {
        this(images, units, null);
    }

    @Override
    public PortableImages portables() {
        return images;
    }

    @Override
    public UnitManager units() {
        return units;
    }

    @Override
    public Target target() {
        return bus == null ? Target.SYSTEM : bus.target();
    }

    @Override
    public boolean portabledAvailable() {
        return false;
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.close();
        }
    }
}
