package dev.portajava.builder.internal;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A writer whose work is reported as a {@link BuildPhase}. A verity writer runs the file system's writer first: its
 * phase starts when that one's is finished, so each phase is timed on its own. The writer finds the phase's
 * {@link WrittenFiles} in its context: a writer that tells it of each file it writes has the phase report files
 * and bytes, and the time left.
 */
final class PhasedWriter implements ImageWriter {

    private final ImageWriter writer;
    private final BuildPhase phase;
    private final Optional<BuildPhase> after;

    private PhasedWriter(ImageWriter writer, BuildPhase phase, Optional<BuildPhase> after) {
        this.writer = writer;
        this.phase = phase;
        this.after = after;
    }

    /** {@code writer}'s work as {@code phase}. */
    static ImageWriter of(ImageWriter writer, BuildPhase phase) {
        return new PhasedWriter(writer, phase, Optional.empty());
    }

    /** {@code writer}'s work after the phase {@code first} that it runs, as {@code phase}. */
    static ImageWriter after(BuildPhase first, ImageWriter writer, BuildPhase phase) {
        return new PhasedWriter(writer, phase, Optional.of(first));
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        WrittenFiles files = new WrittenFiles(plan);
        try (PhaseClock clock = PhaseClock.writing(context.listener(), phase, temporary, files)) {
            BuildContext inner = context.withWritten(files);
            if (after.isPresent()) {
                Consumer<BuildEvent> listener = context.listener();
                inner = inner.withListener(event -> {
                    listener.accept(event);
                    if (event.progress().filter(p -> p.finished() && p.phase() == after.get()).isPresent()) {
                        clock.start();
                    }
                });
            } else {
                clock.start();
            }
            WrittenImage written = writer.write(inner, plan, temporary);
            clock.start(); // in case the first phase did not report
            clock.finish();
            return written;
        }
    }
}
