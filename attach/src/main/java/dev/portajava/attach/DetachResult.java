package dev.portajava.attach;

import java.util.List;

/** What detach did: the units it stopped ({@code --now}), what disabling changed, and the files it removed. */
public record DetachResult(String image, List<UnitStatus> stopped, List<Change> disableChanges, List<Change> changes) {

    public DetachResult {
        stopped = List.copyOf(stopped);
        disableChanges = List.copyOf(disableChanges);
        changes = List.copyOf(changes);
    }
}
