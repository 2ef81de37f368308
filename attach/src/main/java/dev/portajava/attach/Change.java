package dev.portajava.attach;

/** One file system change made by attach or detach; {@code source} is empty when the change has none. */
public record Change(ChangeType type, String path, String source) {

    public Change {
        source = source == null ? "" : source;
    }

    /** The line portablectl prints for this change. */
    public String describe() {
        return type.describe(path, source);
    }
}
