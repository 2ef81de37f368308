package dev.portajava.attach;

import java.util.List;

/**
 * What attach did.
 *
 * @param units the unit files it placed on the host
 * @param enableChanges what {@code --enable} changed
 * @param started the units {@code --now} started, with their state after they settled
 */
public record AttachResult(String image, String profile, List<Change> changes, List<String> units,
        List<Change> enableChanges, List<UnitStatus> started) {

    public AttachResult {
        changes = List.copyOf(changes);
        units = List.copyOf(units);
        enableChanges = List.copyOf(enableChanges);
        started = List.copyOf(started);
    }
}
