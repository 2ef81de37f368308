package dev.portajava.builder.internal;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every step sees: the spec, where it came from, the staging tree and the listener.
 *
 * @param epoch the time every file in the image gets, in seconds since 1970 ({@code SOURCE_DATE_EPOCH})
 */
public record BuildContext(Path specFile, ImageSpec spec, StagingTree tree, long epoch, Consumer<BuildEvent> listener) {

    public Path specDirectory() {
        Path parent = specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    public void report(String step, String message) {
        listener.accept(new BuildEvent(step, message));
    }

    /** A problem with the spec, or with a file it names, reported against the spec file. */
    public InvalidSpecException invalid(String problem) {
        return new InvalidSpecException(specFile, problem);
    }
}
