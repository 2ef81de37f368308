package dev.portajava.builder;

import java.util.Optional;

/**
 * Progress of a build, for a listener to show: which step runs, and what it did.
 *
 * @param warning whether the user should see it even when not asking for progress (a setuid bit removed, a
 *     setting of the image that its unit cannot keep)
 * @param progress how far a long phase got, for a progress display; the message says the same in words
 */
public record BuildEvent(String step, String message, boolean warning, Optional<BuildProgress> progress) {

    public BuildEvent {
        if (progress == null) {
            throw new IllegalArgumentException("progress is empty, not null, when an event has none");
        }
    }

    public BuildEvent(String step, String message, boolean warning) {
        this(step, message, warning, Optional.empty());
    }

    public BuildEvent(String step, String message) {
        this(step, message, false);
    }

    public static BuildEvent warning(String step, String message) {
        return new BuildEvent(step, message, true);
    }

    /** A report of {@code progress}, as an event of the step named after its phase. */
    public static BuildEvent of(BuildProgress progress) {
        String state = progress.finished() ? "finished" : progress.files() == 0 && progress.bytes() == 0
                ? "started" : "running";
        return new BuildEvent(progress.phase().label(), state + ": " + progress.files() + " "
                + progress.phase().unit() + "s, " + progress.bytes() + " bytes in " + progress.elapsed().toMillis()
                + " ms", false, Optional.of(progress));
    }
}
