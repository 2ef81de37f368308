package dev.portajava.builder;

/**
 * Progress of a build, for a listener to show: which step runs, and what it did.
 *
 * @param warning whether the user should see it even when not asking for progress (a setuid bit removed, a
 *     setting of the image that its unit cannot keep)
 */
public record BuildEvent(String step, String message, boolean warning) {

    public BuildEvent(String step, String message) {
        this(step, message, false);
    }

    public static BuildEvent warning(String step, String message) {
        return new BuildEvent(step, message, true);
    }
}
