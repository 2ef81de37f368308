package dev.portajava.attach;

import java.time.Duration;
import java.util.List;

/** The calls portajava makes to systemd's manager ({@code org.freedesktop.systemd1.Manager}), in plain records. */
public interface UnitManager {

    /**
     * Refuses, before anything is written, to be asked to start units: a manager that is not running cannot. Nothing
     * for a running one.
     */
    default void requireRunning() throws AttachException {
    }

    /** systemd's version, as its {@code Version} property reports it ({@code 252.39-1~deb12u2}). */
    String systemdVersion() throws AttachException;

    /**
     * The machine id of the machine this systemd runs on ({@code org.freedesktop.DBus.Peer.GetMachineId}), as 32 hex
     * digits: which machine a reload, an enable or a start reaches.
     */
    String machineId() throws AttachException;

    /** A unit's {@code ActiveState}; {@code inactive} for a unit systemd has not loaded. */
    String activeState(String unit) throws AttachException;

    /** The main process of a service ({@code MainPID}); 0 when it has none or systemd has not loaded the unit. */
    default long mainPid(String unit) throws AttachException {
        return 0;
    }

    /** A unit file's state ({@code enabled}, {@code disabled}, …), empty if systemd does not know the file. */
    String unitFileState(String unit) throws AttachException;

    /** Reloads systemd's configuration and returns when the reload is done. */
    void reload() throws AttachException;

    /**
     * Enables attached units as portablectl's {@code --enable} does: links in the {@code .wants}/{@code .requires}
     * directories below the attached directory ({@code /etc/systemd/system.attached}, or under {@code /run} with
     * {@code runtime}).
     */
    List<Change> enableUnitFiles(List<String> units, boolean runtime) throws AttachException;

    /**
     * Removes the units' links where {@link #enableUnitFiles} and portablectl's {@code --enable} put them, and where
     * a plain {@code systemctl enable} puts them ({@code /etc/systemd/system}), as earlier portajava did.
     */
    List<Change> disableUnitFiles(List<String> units, boolean runtime) throws AttachException;

    /**
     * Starts {@code unit}, waits for its start job, then watches it for {@code settle}: a unit that fails in
     * that time is reported as failed, not as started.
     */
    UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException;

    /**
     * Removes what systemd keeps for the stopped {@code unit} ({@code CleanUnit}): {@code what} names the kinds
     * ({@code all}, {@code fdstore}, …). Returns when systemd is done, false if the unit had nothing to remove.
     */
    default boolean clean(String unit, List<String> what, Duration timeout) throws AttachException {
        throw new AttachException("cannot clean " + unit + ": no running systemd to ask");
    }

    /** Stops {@code unit} and waits for the stop job; a unit that is not loaded is already stopped. */
    UnitStatus stop(String unit, Duration timeout) throws AttachException;
}
