package dev.portajava.attach;

import java.util.List;

/**
 * What detach did: the units it stopped ({@code --now}), what disabling changed, and the files it removed.
 *
 * @param cleaned the units whose data {@code --clean} removed
 * @param cleanNote how the data was removed where the host's portablectl could not have done it; empty otherwise
 */
public record DetachResult(String image, List<UnitStatus> stopped, List<Change> disableChanges, List<Change> changes,
        List<String> cleaned, String cleanNote) {

    public DetachResult {
        stopped = List.copyOf(stopped);
        disableChanges = List.copyOf(disableChanges);
        changes = List.copyOf(changes);
        cleaned = List.copyOf(cleaned);
    }

    public DetachResult(String image, List<UnitStatus> stopped, List<Change> disableChanges, List<Change> changes) {
        this(image, stopped, disableChanges, changes, List.of(), "");
    }
}
