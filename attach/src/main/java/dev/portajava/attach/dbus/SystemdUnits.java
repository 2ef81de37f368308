package dev.portajava.attach.dbus;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.Target;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UnitStatus;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link UnitManager} over systemd's D-Bus API: jobs are awaited through the {@code JobRemoved} signal. */
final class SystemdUnits implements UnitManager {

    private static final Duration POLL = Duration.ofMillis(50);
    static final String NO_SUCH_UNIT = "org.freedesktop.systemd1.NoSuchUnit";
    /** What the bus answers a call its policy does not let the caller make, and polkit a call it refuses. */
    private static final String ACCESS_DENIED = "org.freedesktop.DBus.Error.AccessDenied";

    private final BusConnection bus;
    private final Target target;
    private final SystemdManager manager;
    private final Map<String, CompletableFuture<String>> jobs = new ConcurrentHashMap<>();
    private boolean subscribed;

    /** @param target where {@code bus} leads, for the hints of its errors */
    SystemdUnits(BusConnection bus, Target target) {
        this.bus = bus;
        this.target = target;
        this.manager = new SystemdManager(bus);
    }

    @Override
    public String systemdVersion() throws AttachException {
        return call("systemd version", manager::Version);
    }

    @Override
    public String machineId() throws AttachException {
        return call("machine id", manager::GetMachineId);
    }

    @Override
    public String activeState(String unit) throws AttachException {
        Optional<String> path = loaded(unit);
        if (path.isEmpty()) {
            return "inactive";
        }
        return call(unit, () -> property(path.get(), SystemdManager.UNIT_INTERFACE, "ActiveState"));
    }

    @Override
    public long mainPid(String unit) throws AttachException {
        Optional<String> path = loaded(unit);
        if (path.isEmpty() || !unit.endsWith(".service")) {
            return 0;
        }
        return call(unit, () -> Properties.uint32(bus, SystemdManager.BUS_NAME, path.get(),
                SystemdManager.SERVICE_INTERFACE, "MainPID"));
    }

    /** The object path of {@code unit} if systemd has it loaded; empty for systemd's NoSuchUnit. */
    private Optional<String> loaded(String unit) throws AttachException {
        try {
            return Optional.of(manager.GetUnit(unit));
        } catch (BusError e) {
            if (e.name().equals(NO_SUCH_UNIT)) {
                return Optional.empty();
            }
            throw DBusErrors.translate(e, target, unit, SystemdManager.BUS_NAME);
        }
    }

    @Override
    public String unitFileState(String unit) throws AttachException {
        try {
            return manager.GetUnitFileState(unit);
        } catch (BusError e) {
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

    /**
     * Enables the attached units as portablectl's {@code --enable} does: as portable units, linked in the
     * {@code .attached} directory ({@code /etc/systemd/system.attached/*.wants/}, or under {@code /run} with
     * {@code runtime}).
     */
    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        return call(String.join(" ", units), () -> {
            try {
                return manager.EnableUnitFilesWithFlags(units, portableFlags(runtime));
            } catch (BusError e) {
                if (!e.name().equals(ACCESS_DENIED)) {
                    throw e;
                }
                // systemd 252's bus policy lets a user polkit admits call the plain methods only: enabled as
                // plain units, in /etc/systemd/system, which disableUnitFiles removes too
                return manager.EnableUnitFiles(units, runtime, false);
            }
        });
    }

    /**
     * Disables the units as portablectl's {@code --enable} does, then as plain units too: links an earlier
     * portajava made with plain {@code EnableUnitFiles} ({@code /etc/systemd/system/*.wants/}) go as well. systemd
     * answers a unit with no links there with no changes. A unit whose file is gone (one a detach or reattach
     * removed) has its links removed all the same; systemd answers NoSuchUnit where it had none: nothing to disable.
     */
    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        return call(String.join(" ", units), () -> {
            List<Change> changes = new ArrayList<>();
            try {
                changes.addAll(manager.DisableUnitFilesWithFlags(units, portableFlags(runtime)));
            } catch (BusError e) {
                // as for enabling: where the bus lets this user call the plain method only, that is what it does
                if (!e.name().equals(ACCESS_DENIED) && !e.name().equals(NO_SUCH_UNIT)) {
                    throw e;
                }
            }
            try {
                changes.addAll(manager.DisableUnitFiles(units, runtime));
            } catch (BusError e) {
                if (!e.name().equals(NO_SUCH_UNIT)) {
                    throw e;
                }
            }
            return List.copyOf(changes);
        });
    }

    private static long portableFlags(boolean runtime) {
        return SystemdManager.UNIT_FILE_PORTABLE | (runtime ? SystemdManager.UNIT_FILE_RUNTIME : 0);
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException {
        subscribe();
        String job = call(unit, () -> manager.StartUnit(unit, "replace"));
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
        String job;
        try {
            job = manager.StopUnit(unit, "replace");
        } catch (BusError e) {
            if (e.name().equals(NO_SUCH_UNIT)) {
                return new UnitStatus(unit, "inactive", "dead", "");
            }
            throw DBusErrors.translate(e, target, unit, SystemdManager.BUS_NAME);
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
        } catch (BusError e) {
            if (e.name().equals("org.freedesktop.systemd1.NothingToClean")) {
                return false;
            }
            throw DBusErrors.translate(e, target, unit, SystemdManager.BUS_NAME);
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
            String path = manager.LoadUnit(unit);
            String active = property(path, SystemdManager.UNIT_INTERFACE, "ActiveState");
            String sub = property(path, SystemdManager.UNIT_INTERFACE, "SubState");
            UnitType type = UnitName.parse(unit).type();
            String result = type == UnitType.TARGET ? ""
                    : property(path, "org.freedesktop.systemd1." + capitalized(type.suffix()), "Result");
            return new UnitStatus(unit, active, sub, result);
        });
    }

    private synchronized void subscribe() throws AttachException {
        if (subscribed) {
            return;
        }
        call("subscribe", () -> {
            manager.onJobRemoved((job, result) ->
                    jobs.computeIfAbsent(job, p -> new CompletableFuture<>()).complete(result));
            manager.Subscribe();
            return null;
        });
        subscribed = true;
    }

    private String await(String unit, String job, Duration timeout) throws AttachException {
        try {
            return jobs.computeIfAbsent(job, p -> new CompletableFuture<>())
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

    private String property(String path, String iface, String property) throws BusError {
        return Properties.string(bus, SystemdManager.BUS_NAME, path, iface, property);
    }

    private <T> T call(String subject, DBusErrors.BusCall<T> call) throws AttachException {
        return DBusErrors.translating(target, subject, SystemdManager.BUS_NAME, call);
    }
}
