package dev.portajava.attach;

import java.util.List;

/**
 * What a reattach changed, as portabled's {@code ReattachImage} reports it.
 *
 * @param removed what the old image had and the new one does not
 * @param updated what the new image wrote
 */
public record ReattachChanges(List<Change> removed, List<Change> updated) {

    public ReattachChanges {
        removed = List.copyOf(removed);
        updated = List.copyOf(updated);
    }

    /** Unit files the reattach removed without writing them again: the units the new image dropped. */
    public List<String> droppedUnits() {
        return UnitFiles.of(removed, ChangeType.UNLINK);
    }

    /** Unit files the reattach wrote. */
    public List<String> writtenUnits() {
        List<String> units = new java.util.ArrayList<>(UnitFiles.of(updated, ChangeType.COPY));
        for (String unit : UnitFiles.of(updated, ChangeType.SYMLINK)) {
            if (!units.contains(unit)) {
                units.add(unit);
            }
        }
        return List.copyOf(units);
    }
}
