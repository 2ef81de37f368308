package dev.portajava.attach;

import java.time.Duration;
import java.util.List;

/** The calls portajava makes to systemd's manager ({@code org.freedesktop.systemd1.Manager}), in plain records. */
public interface UnitManager {

    /** Reloads systemd's configuration and returns when the reload is done. */
    void reload() throws AttachException;

    List<Change> enableUnitFiles(List<String> units, boolean runtime) throws AttachException;

    List<Change> disableUnitFiles(List<String> units, boolean runtime) throws AttachException;

    /**
     * Starts {@code unit}, waits for its start job, then watches it for {@code settle}: a unit that fails in
     * that time is reported as failed, not as started.
     */
    UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException;

    /** Stops {@code unit} and waits for the stop job; a unit that is not loaded is already stopped. */
    UnitStatus stop(String unit, Duration timeout) throws AttachException;
}
