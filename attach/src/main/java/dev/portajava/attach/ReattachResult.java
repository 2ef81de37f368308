package dev.portajava.attach;

import java.util.List;

/**
 * What reattach did.
 *
 * @param stopped the units the new image dropped, stopped before they were removed
 * @param units the unit files the new image placed
 * @param started the units {@code --now} restarted or started, with their state after they settled
 */
public record ReattachResult(String image, String profile, List<UnitStatus> stopped, List<Change> removed,
        List<Change> updated, List<String> units, List<Change> enableChanges, List<UnitStatus> started) {

    public ReattachResult {
        stopped = List.copyOf(stopped);
        removed = List.copyOf(removed);
        updated = List.copyOf(updated);
        units = List.copyOf(units);
        enableChanges = List.copyOf(enableChanges);
        started = List.copyOf(started);
    }
}
