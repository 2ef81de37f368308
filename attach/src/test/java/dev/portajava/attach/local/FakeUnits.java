package dev.portajava.attach.local;

import dev.portajava.attach.Change;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UnitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A running systemd in memory: a version, and the units a test says are active. */
final class FakeUnits implements UnitManager {

    String version = "252.39-1~deb12u2";
    final Set<String> active = new HashSet<>();
    /** The units disabled, in order. */
    final List<String> disabled = new ArrayList<>();

    @Override
    public String systemdVersion() {
        return version;
    }

    /** The machine a test says systemd runs on. */
    String machineId = "0123456789abcdef0123456789abcdef";

    @Override
    public String machineId() {
        return machineId;
    }

    @Override
    public String activeState(String unit) {
        return active.contains(unit) ? "active" : "inactive";
    }

    @Override
    public String unitFileState(String unit) {
        return "disabled";
    }

    @Override
    public void reload() {
    }

    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) {
        return List.of();
    }

    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) {
        disabled.addAll(units);
        return List.of();
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) {
        active.add(unit);
        return new UnitStatus(unit, "active", "running", "success");
    }

    @Override
    public UnitStatus stop(String unit, Duration timeout) {
        active.remove(unit);
        return new UnitStatus(unit, "inactive", "dead", "success");
    }
}
