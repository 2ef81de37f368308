package dev.portajava.attach.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** {@code (sss)}: change type, path, source. */
public final class PortableChange extends Struct {
    @Position(0)
    public final String type;
    @Position(1)
    public final String path;
    @Position(2)
    public final String source;

    public PortableChange(String type, String path, String source) {
        this.type = type;
        this.path = path;
        this.source = source;
    }
}
