package dev.portajava.attach.dbus;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The out arguments of {@code ReattachImage}: {@code a(sss) removed, a(sss) updated}. */
public final class ReattachChanges extends Tuple {
    @Position(0)
    public final List<PortableChange> removed;
    @Position(1)
    public final List<PortableChange> updated;

    public ReattachChanges(List<PortableChange> removed, List<PortableChange> updated) {
        this.removed = removed;
        this.updated = updated;
    }

    public List<PortableChange> removedList() {
        return structs(removed);
    }

    public List<PortableChange> updatedList() {
        return structs(updated);
    }

    private static List<PortableChange> structs(List<PortableChange> changes) {
        List<?> raw = changes;
        return raw.stream().map(ReattachChanges::change).toList();
    }

    private static PortableChange change(Object element) {
        if (element instanceof PortableChange change) {
            return change;
        }
        if (element instanceof Object[] fields && fields.length == 3) {
            return new PortableChange(String.valueOf(fields[0]), String.valueOf(fields[1]), String.valueOf(fields[2]));
        }
        throw new IllegalArgumentException("unexpected change from portabled: " + element);
    }
}
