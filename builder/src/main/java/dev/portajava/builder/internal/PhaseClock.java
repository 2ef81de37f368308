package dev.portajava.builder.internal;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.BuildProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Times one {@link BuildPhase} and reports it to the build's listener: when it starts, every
 * {@link #INTERVAL} while it runs (the size the file it writes has reached, if any), and when it is finished.
 * {@link #close()} stops the reports of a phase that failed, without a last one.
 */
final class PhaseClock implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final Consumer<BuildEvent> listener;
    private final BuildPhase phase;
    private final Optional<Path> written;
    private long start;
    private Thread sampler;

    private PhaseClock(Consumer<BuildEvent> listener, BuildPhase phase, Optional<Path> written) {
        this.listener = listener;
        this.phase = phase;
        this.written = written;
    }

    /** A phase that reads or fetches: reported when it starts and when it is finished. */
    static PhaseClock start(Consumer<BuildEvent> listener, BuildPhase phase) {
        PhaseClock clock = new PhaseClock(listener, phase, Optional.empty());
        clock.start();
        return clock;
    }

    /** A phase that writes {@code file}: also reported while it runs, with the size the file has reached. */
    static PhaseClock writing(Consumer<BuildEvent> listener, BuildPhase phase, Path file) {
        return new PhaseClock(listener, phase, Optional.of(file));
    }

    synchronized void start() {
        if (start != 0) {
            return;
        }
        start = System.nanoTime();
        report(0, 0, false);
        if (written.isPresent()) {
            sampler = new Thread(this::sample, "portajava-" + phase.label() + "-progress");
            sampler.setDaemon(true);
            sampler.start();
        }
    }

    boolean started() {
        return start != 0;
    }

    /** The phase's last report: {@code files} and {@code bytes} done, or the written file's size when 0. */
    void finish(long files, long bytes) {
        close();
        report(files, bytes == 0 ? writtenSize() : bytes, true);
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            thread = sampler;
            sampler = null;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sample() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(INTERVAL.toMillis());
                report(0, writtenSize(), false);
            }
        } catch (InterruptedException e) {
            // the phase is over
        }
    }

    private long writtenSize() {
        Path file = written.orElse(null);
        try {
            return file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // not there yet, or gone: nothing to show
        }
    }

    private void report(long files, long bytes, boolean finished) {
        listener.accept(BuildEvent.of(new BuildProgress(phase, files, bytes, OptionalLong.empty(),
                Duration.ofNanos(System.nanoTime() - start), finished)));
    }
}
