package dev.portajava.attach.dbus;

import dev.portajava.attach.Change;
import java.util.List;

/**
 * The part of {@code org.freedesktop.systemd1.Manager} at {@code /org/freedesktop/systemd1} that attach uses: each
 * method is the bus's, under its name, with its signature.
 */
final class SystemdManager {

    static final String BUS_NAME = "org.freedesktop.systemd1";
    static final String OBJECT_PATH = "/org/freedesktop/systemd1";
    static final String INTERFACE = "org.freedesktop.systemd1.Manager";
    static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    static final String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";
    /** {@code JobRemoved(u id, o job, s unit, s result)}: a job finished with {@code result}. */
    static final String JOB_REMOVED = "JobRemoved";

    /** Flags of the {@code …UnitFilesWithFlags} methods, as systemd 252 defines them: SD_SYSTEMD_UNIT_RUNTIME. */
    static final long UNIT_FILE_RUNTIME = 1;
    /**
     * SD_SYSTEMD_UNIT_PORTABLE: links go in the {@code .attached} directory ({@code /etc/systemd/system.attached},
     * or {@code /run/systemd/system.attached} with {@link #UNIT_FILE_RUNTIME}), as portablectl's {@code --enable} puts
     * them.
     */
    static final long UNIT_FILE_PORTABLE = 1 << 2;

    private final BusConnection bus;

    SystemdManager(BusConnection bus) {
        this.bus = bus;
    }

    void Subscribe() throws BusError {
        call("Subscribe", "", "");
    }

    void Reload() throws BusError {
        call("Reload", "", "");
    }

    /** {@code GetUnit(s) -> o}. */
    String GetUnit(String name) throws BusError {
        return (String) call("GetUnit", "s", "o", name).get(0);
    }

    /** {@code LoadUnit(s) -> o}. */
    String LoadUnit(String name) throws BusError {
        return (String) call("LoadUnit", "s", "o", name).get(0);
    }

    /** {@code GetUnitFileState(s) -> s}. */
    String GetUnitFileState(String file) throws BusError {
        return (String) call("GetUnitFileState", "s", "s", file).get(0);
    }

    /** {@code StartUnit(s name, s mode) -> o job}. */
    String StartUnit(String name, String mode) throws BusError {
        return (String) call("StartUnit", "ss", "o", name, mode).get(0);
    }

    /** {@code StopUnit(s name, s mode) -> o job}. */
    String StopUnit(String name, String mode) throws BusError {
        return (String) call("StopUnit", "ss", "o", name, mode).get(0);
    }

    /** {@code CleanUnit(s name, as mask)}: removes the unit's configuration, state, cache, logs or runtime data. */
    void CleanUnit(String name, List<String> mask) throws BusError {
        call("CleanUnit", "sas", "", name, mask);
    }

    /** {@code EnableUnitFiles(as, b, b) -> b carries_install_info, a(sss) changes}. */
    List<Change> EnableUnitFiles(List<String> files, boolean runtime, boolean force) throws BusError {
        return PortableChange.list(call("EnableUnitFiles", "asbb", "b" + PortableChange.SIGNATURE, files, runtime,
                force).get(1));
    }

    /** {@code EnableUnitFilesWithFlags(as, t) -> b carries_install_info, a(sss) changes}. */
    List<Change> EnableUnitFilesWithFlags(List<String> files, long flags) throws BusError {
        return PortableChange.list(call("EnableUnitFilesWithFlags", "ast", "b" + PortableChange.SIGNATURE, files,
                flags).get(1));
    }

    /** {@code DisableUnitFiles(as, b) -> a(sss)}. */
    List<Change> DisableUnitFiles(List<String> files, boolean runtime) throws BusError {
        return PortableChange.list(call("DisableUnitFiles", "asb", PortableChange.SIGNATURE, files, runtime).get(0));
    }

    /** {@code DisableUnitFilesWithFlags(as, t) -> a(sss)}. */
    List<Change> DisableUnitFilesWithFlags(List<String> files, long flags) throws BusError {
        return PortableChange.list(call("DisableUnitFilesWithFlags", "ast", PortableChange.SIGNATURE, files, flags)
                .get(0));
    }

    /** {@code Version}, a property of the manager. */
    String Version() throws BusError {
        return Properties.string(bus, BUS_NAME, OBJECT_PATH, INTERFACE, "Version");
    }

    /** {@code org.freedesktop.DBus.Peer.GetMachineId() -> s}, of the manager's host. */
    String GetMachineId() throws BusError {
        return (String) bus.call(BUS_NAME, OBJECT_PATH, "org.freedesktop.DBus.Peer", "GetMachineId", "", "s").get(0);
    }

    /** Hands every {@code JobRemoved} to {@code handler} as (job path, result), from now on. */
    void onJobRemoved(java.util.function.BiConsumer<String, String> handler) throws BusError {
        bus.onSignal(BUS_NAME, INTERFACE, JOB_REMOVED, message -> {
            if (message.signature().equals("uoss")) {
                handler.accept((String) message.body().get(1), (String) message.body().get(3));
            }
        });
    }

    private List<Object> call(String member, String signature, String replySignature, Object... arguments)
            throws BusError {
        return bus.call(BUS_NAME, OBJECT_PATH, INTERFACE, member, signature, replySignature, arguments);
    }
}
