package dev.portajava.attach.dbus;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The out arguments of {@code EnableUnitFiles}: {@code b carries_install_info, a(sss) changes}. */
public final class UnitFileChanges extends Tuple {
    @Position(0)
    public final boolean carriesInstallInfo;
    @Position(1)
    public final List<PortableChange> changes;

    public UnitFileChanges(boolean carriesInstallInfo, List<PortableChange> changes) {
        this.carriesInstallInfo = carriesInstallInfo;
        this.changes = changes;
    }
}
