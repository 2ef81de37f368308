package dev.portajava.attach.dbus;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/** The part of {@code org.freedesktop.systemd1.Manager} at {@code /org/freedesktop/systemd1} that attach uses. */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";
    String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";

    void Subscribe();

    void Reload();

    DBusPath GetUnit(String name);

    DBusPath LoadUnit(String name);

    /** {@code GetUnitFileState(s) -> s}. */
    String GetUnitFileState(String file);

    DBusPath StartUnit(String name, String mode);

    DBusPath StopUnit(String name, String mode);

    /** {@code CleanUnit(s name, as mask)}: removes the unit's configuration, state, cache, logs or runtime data. */
    void CleanUnit(String name, List<String> mask);

    /** {@code EnableUnitFiles(as, b, b) -> b, a(sss)}. */
    UnitFileChanges EnableUnitFiles(List<String> files, boolean runtime, boolean force);

    /** {@code DisableUnitFiles(as, b) -> a(sss)}. */
    List<PortableChange> DisableUnitFiles(List<String> files, boolean runtime);

    /** {@code JobRemoved(u id, o job, s unit, s result)}: a job finished with {@code result}. */
    class JobRemoved extends DBusSignal {
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(path, id, job, unit, result);
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public DBusPath job() {
            return job;
        }

        public String unit() {
            return unit;
        }

        public String result() {
            return result;
        }
    }
}
