package dev.portajava.attach.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt64;

/** {@code (ssbtttso)}: name, type, read-only, creation and modification time (µs), usage, state, object path. */
public final class PortableImageInfo extends Struct {
    @Position(0)
    public final String name;
    @Position(1)
    public final String type;
    @Position(2)
    public final boolean readOnly;
    @Position(3)
    public final UInt64 crtime;
    @Position(4)
    public final UInt64 mtime;
    @Position(5)
    public final UInt64 usage;
    @Position(6)
    public final String state;
    @Position(7)
    public final DBusPath object;

    public PortableImageInfo(String name, String type, boolean readOnly, UInt64 crtime, UInt64 mtime, UInt64 usage,
            String state, DBusPath object) {
        this.name = name;
        this.type = type;
        this.readOnly = readOnly;
        this.crtime = crtime;
        this.mtime = mtime;
        this.usage = usage;
        this.state = state;
        this.object = object;
    }
}
