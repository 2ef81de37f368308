package dev.portajava.attach.local;

import dev.portajava.attach.Change;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs tree steps in order, numbering every file system operation for the {@link StepHook}. */
public final class Steps {

    private final HostTree tree;
    private final StepHook hook;
    private int count;

    public Steps(HostTree tree, StepHook hook) {
        this.tree = tree;
        this.hook = hook;
    }

    /** Applies {@code steps} in order and returns what they changed. */
    public List<Change> run(List<TreeStep> steps) throws IOException {
        List<Change> changes = new ArrayList<>();
        for (TreeStep step : steps) {
            Optional<Change> change = step.apply(tree, this);
            if (change.isPresent()) {
                changes.add(change.get());
            }
        }
        return changes;
    }

    void before(String what) throws IOException {
        hook.before(++count, what);
    }

    /** How many operations ran (and were announced to the hook) so far. */
    public int count() {
        return count;
    }
}
