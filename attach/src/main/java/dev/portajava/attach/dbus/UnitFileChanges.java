package dev.portajava.attach.dbus;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * The out arguments of {@code EnableUnitFiles}: {@code b carries_install_info, a(sss) changes}. dbus-java 5.1
 * leaves the structs of an array inside a tuple as {@code Object[]}; {@link #changeList()} converts them.
 */
public final class UnitFileChanges extends Tuple {
    @Position(0)
    public final boolean carriesInstallInfo;
    @Position(1)
    public final List<PortableChange> changes;

    public UnitFileChanges(boolean carriesInstallInfo, List<PortableChange> changes) {
        this.carriesInstallInfo = carriesInstallInfo;
        this.changes = changes;
    }

    /** The changes as structs, whatever form dbus-java delivered them in. */
    public List<PortableChange> changeList() {
        List<?> raw = changes;
        return raw.stream().map(UnitFileChanges::change).toList();
    }

    private static PortableChange change(Object element) {
        if (element instanceof PortableChange change) {
            return change;
        }
        if (element instanceof Object[] fields && fields.length == 3) {
            return new PortableChange(String.valueOf(fields[0]), String.valueOf(fields[1]), String.valueOf(fields[2]));
        }
        throw new IllegalArgumentException("unexpected unit file change from systemd: " + element);
    }
}
