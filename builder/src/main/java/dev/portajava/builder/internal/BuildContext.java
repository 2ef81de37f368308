package dev.portajava.builder.internal;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every step sees: the spec, where it came from, the staging tree and the listener.
 *
 * @param base the container image the tree starts from, if the spec names one
 * @param epoch the time every file in the image gets, in seconds since 1970 ({@code SOURCE_DATE_EPOCH})
 */
public record BuildContext(Path specFile, ImageSpec spec, StagingTree tree, long epoch, Consumer<BuildEvent> listener,
        Optional<BaseImage> base) {

    public BuildContext(Path specFile, ImageSpec spec, StagingTree tree, long epoch, Consumer<BuildEvent> listener) {
        this(specFile, spec, tree, epoch, listener, Optional.empty());
    }

    /** This context, reporting to {@code listener}. */
    public BuildContext withListener(Consumer<BuildEvent> listener) {
        return new BuildContext(specFile, spec, tree, epoch, listener, base);
    }

    public Path specDirectory() {
        return directoryOf(specFile);
    }

    /** The directory of a spec file, against which the spec's relative paths resolve. */
    static Path directoryOf(Path specFile) {
        Path parent = specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    public void report(String step, String message) {
        listener.accept(new BuildEvent(step, message));
    }

    /** Something the user should hear of even without asking for progress. */
    public void warn(String step, String message) {
        listener.accept(BuildEvent.warning(step, message));
    }

    /** A problem with the spec, or with a file it names, reported against the spec file. */
    public InvalidSpecException invalid(String problem) {
        return new InvalidSpecException(specFile, problem);
    }
}
