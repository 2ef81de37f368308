package dev.portajava.builder.internal;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.builder.internal.layer.ExtendedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every step sees: the spec, where it came from, the plan of the image the steps make, and the listener.
 *
 * @param output the image the plan becomes, named when writing it fails
 * @param base the container image the tree starts from, if the spec names one
 * @param extended the image an extension is laid over ({@code --base}), if given: consulted, never copied
 * @param written during the write phase, the files the image's writer gets through, which the phase reports
 */
public record BuildContext(Path specFile, ImageSpec spec, BuildPlan plan, Path output, Consumer<BuildEvent> listener,
        Optional<BaseImage> base, Optional<ExtendedImage> extended, Optional<WrittenFiles> written) {

    /** The time every file in the image gets, in seconds since 1970 ({@code SOURCE_DATE_EPOCH}). */
    public long epoch() {
        return plan.epoch();
    }

    /** A write of the image failed: the output's file system is full, read-only or failing. */
    OutputWriteException writeFailed(String what, IOException e) {
        return new OutputWriteException(output, "cannot write " + what + ": " + BuildRunner.reason(e), e);
    }

    /** This context, reporting to {@code listener}. */
    public BuildContext withListener(Consumer<BuildEvent> listener) {
        return new BuildContext(specFile, spec, plan, output, listener, base, extended, written);
    }

    /** This context, whose writer tells {@code written} of the files it writes. */
    BuildContext withWritten(WrittenFiles written) {
        return new BuildContext(specFile, spec, plan, output, listener, base, extended, Optional.of(written));
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
