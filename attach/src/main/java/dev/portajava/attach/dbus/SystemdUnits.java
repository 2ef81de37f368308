package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UnitStatus;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Peer;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;

/** {@link UnitManager} over systemd's D-Bus API: jobs are awaited through the {@code JobRemoved} signal. */
final class SystemdUnits implements UnitManager {

    private static final Duration POLL = Duration.ofMillis(50);

    private final DBusConnection connection;
    private final SystemdManager manager;
    private final Map<String, CompletableFuture<String>> jobs = new ConcurrentHashMap<>();
    private boolean subscribed;

    SystemdUnits(DBusConnection connection) throws DBusException {
        this.connection = connection;
        this.manager = connection.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH,
                SystemdManager.class);
    }

    @Override
    public String systemdVersion() throws AttachException {
        return call("systemd version", () -> connection.getRemoteObject(SystemdManager.BUS_NAME,
                SystemdManager.OBJECT_PATH, Properties.class).<String>Get(SystemdManager.BUS_NAME + ".Manager", "Version"));
    }

    @Override
    public String machineId() throws AttachException {
        return call("machine id", () -> connection.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH,
                Peer.class).GetMachineId());
    }

    @Override
    public String activeState(String unit) throws AttachException {
        Optional<DBusPath> path = loaded(unit);
        if (path.isEmpty()) {
            return "inactive";
        }
        return call(unit, () -> connection.getRemoteObject(SystemdManager.BUS_NAME, path.get().getPath(),
                Properties.class).<String>Get(SystemdManager.UNIT_INTERFACE, "ActiveState"));
    }

    @Override
    public long mainPid(String unit) throws AttachException {
        Optional<DBusPath> path = loaded(unit);
        if (path.isEmpty() || !unit.endsWith(".service")) {
            return 0;
        }
        return call(unit, () -> connection.getRemoteObject(SystemdManager.BUS_NAME, path.get().getPath(),
                Properties.class).<UInt32>Get(SystemdManager.SERVICE_INTERFACE, "MainPID")).longValue();
    }

    /** The object path of {@code unit} if systemd has it loaded; empty for systemd's NoSuchUnit. */
    private Optional<DBusPath> loaded(String unit) throws AttachException {
        try {
            return Optional.of(manager.GetUnit(unit));
        } catch (DBusExecutionException e) {
            if (DBusErrors.name(e).equals("org.freedesktop.systemd1.NoSuchUnit")) {
                return Optional.empty();
            }
            throw DBusErrors.translate(e, unit, SystemdManager.BUS_NAME);
        }
    }

    @Override
    public String unitFileState(String unit) throws AttachException {
        try {
            return manager.GetUnitFileState(unit);
        } catch (DBusExecutionException e) {
            return ""; // systemd knows no such unit file
        }
    }

    @Override
    public void reload() throws AttachException {
        call("daemon reload", () -> {
            manager.Reload();
            return null;
        });
    }

    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        return call(String.join(" ", units), () -> SystemBus.changes(manager.EnableUnitFiles(units, runtime, false).changeList()));
    }

    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        return call(String.join(" ", units), () -> SystemBus.changes(manager.DisableUnitFiles(units, runtime)));
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException {
        subscribe();
        DBusPath job = call(unit, () -> manager.StartUnit(unit, "replace"));
        String result = await(unit, job, timeout);
        UnitStatus status = status(unit);
        if (!result.equals("done")) {
            throw new UnitFailedException(unit, unit + " did not start (job " + result + ", " + describe(status)
                    + "); see journalctl -u " + unit, null);
        }
        long deadline = System.nanoTime() + settle.toNanos();
        while (!status.failed() && System.nanoTime() < deadline) {
            sleep(POLL);
            status = status(unit);
        }
        if (status.failed()) {
            throw new UnitFailedException(unit, unit + " failed right after it started (" + describe(status)
                    + "); see journalctl -u " + unit, null);
        }
        return status;
    }

    @Override
    public UnitStatus stop(String unit, Duration timeout) throws AttachException {
        subscribe();
        DBusPath job;
        try {
            job = manager.StopUnit(unit, "replace");
        } catch (DBusExecutionException e) {
            if (DBusErrors.name(e).equals("org.freedesktop.systemd1.NoSuchUnit")) {
                return new UnitStatus(unit, "inactive", "dead", "");
            }
            throw DBusErrors.translate(e, unit, SystemdManager.BUS_NAME);
        }
        String result = await(unit, job, timeout);
        if (!result.equals("done")) {
            throw new UnitFailedException(unit + " did not stop (job " + result + "); see journalctl -u " + unit);
        }
        return status(unit);
    }

    @Override
    public boolean clean(String unit, List<String> what, Duration timeout) throws AttachException {
        boolean failedBefore = status(unit).failed();
        try {
            manager.CleanUnit(unit, what);
        } catch (DBusExecutionException e) {
            if (DBusErrors.name(e).equals("org.freedesktop.systemd1.NothingToClean")) {
                return false;
            }
            throw DBusErrors.translate(e, unit, SystemdManager.BUS_NAME);
        }
        // systemd cleans in a process of its own; the unit is in "maintenance" until it is done
        long deadline = System.nanoTime() + timeout.toNanos();
        UnitStatus status = status(unit);
        while (status.activeState().equals("maintenance")) {
            if (System.nanoTime() > deadline) {
                throw new UnitFailedException(unit + ": cleaning did not finish within " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
            status = status(unit);
        }
        if (status.failed() && !failedBefore) {
            throw new UnitFailedException("cleaning " + unit + " failed (" + describe(status) + "); see journalctl -u "
                    + unit);
        }
        return true;
    }

    /** The unit's state now: ActiveState, SubState and, for units that have one, Result. */
    private UnitStatus status(String unit) throws AttachException {
        return call(unit, () -> {
            DBusPath path = manager.LoadUnit(unit);
            Properties properties = connection.getRemoteObject(SystemdManager.BUS_NAME, path.getPath(), Properties.class);
            String active = properties.Get(SystemdManager.UNIT_INTERFACE, "ActiveState");
            String sub = properties.Get(SystemdManager.UNIT_INTERFACE, "SubState");
            UnitType type = UnitName.parse(unit).type();
            String result = type == UnitType.TARGET ? ""
                    : properties.Get("org.freedesktop.systemd1." + capitalized(type.suffix()), "Result");
            return new UnitStatus(unit, active, sub, result);
        });
    }

    private synchronized void subscribe() throws AttachException {
        if (subscribed) {
            return;
        }
        try {
            connection.addSigHandler(SystemdManager.JobRemoved.class, signal ->
                    jobs.computeIfAbsent(signal.job().getPath(), p -> new CompletableFuture<>()).complete(signal.result()));
        } catch (DBusException e) {
            throw new AttachException("cannot watch systemd's jobs: " + e.getMessage(), e);
        }
        call("subscribe", () -> {
            manager.Subscribe();
            return null;
        });
        subscribed = true;
    }

    private String await(String unit, DBusPath job, Duration timeout) throws AttachException {
        try {
            return jobs.computeIfAbsent(job.getPath(), p -> new CompletableFuture<>())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UnitFailedException(unit + ": its job did not finish within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AttachException(unit + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachException(unit + ": interrupted while waiting for its job", e);
        }
    }

    private static String describe(UnitStatus status) {
        return status.activeState() + "/" + status.subState() + (status.result().isEmpty() ? "" : ", result " + status.result());
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static void sleep(Duration duration) throws AttachException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachException("interrupted", e);
        }
    }

    private interface Call<T> {
        T run() throws DBusException;
    }

    private <T> T call(String subject, Call<T> call) throws AttachException {
        try {
            return call.run();
        } catch (DBusExecutionException e) {
            throw DBusErrors.translate(e, subject, SystemdManager.BUS_NAME);
        } catch (DBusException e) {
            throw new AttachException(subject + ": " + e.getMessage(), e);
        }
    }
}
