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
import java.util.function.LongSupplier;

/**
 * Times one {@link BuildPhase} and reports it to the build's listener: when it starts, every {@link #INTERVAL} while
 * it runs (what its {@link Counter} counted, or else the size the file it writes has reached, if any), and when it
 * is finished. {@link #close()} stops the reports of a phase that failed, without a last one.
 */
final class PhaseClock implements AutoCloseable {

    /** What a phase has done so far, counted by its work as it goes, and read from the clock's thread. */
    interface Counter {
        /** Whether the work counts: a writing phase whose work does not reports the size of its file. */
        boolean counting();

        long files();

        long bytes();

        /** The bytes the phase will have handled when finished, when known. */
        OptionalLong totalBytes();

        /**
         * What the work adds, from now on, to the running totals {@code files} and {@code bytes} (of a cache or an
         * unpacker that may have counted before the phase started), with no total known in advance.
         */
        static Counter since(LongSupplier files, LongSupplier bytes) {
            return new Since(files, bytes, files.getAsLong(), bytes.getAsLong());
        }
    }

    private record Since(LongSupplier totalFiles, LongSupplier totalBytesRead, long filesBefore, long bytesBefore)
            implements Counter {
        @Override
        public boolean counting() {
            return true;
        }

        @Override
        public long files() {
            return totalFiles.getAsLong() - filesBefore;
        }

        @Override
        public long bytes() {
            return totalBytesRead.getAsLong() - bytesBefore;
        }

        @Override
        public OptionalLong totalBytes() {
            return OptionalLong.empty();
        }
    }

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final Consumer<BuildEvent> listener;
    private final BuildPhase phase;
    private final Optional<Path> written;
    private final Optional<Counter> counter;
    private long start;
    private Thread sampler;

    private PhaseClock(Consumer<BuildEvent> listener, BuildPhase phase, Optional<Path> written,
            Optional<Counter> counter) {
        this.listener = listener;
        this.phase = phase;
        this.written = written;
        this.counter = counter;
    }

    /** A phase that reads or fetches: reported when it starts and when it is finished. */
    static PhaseClock start(Consumer<BuildEvent> listener, BuildPhase phase) {
        PhaseClock clock = new PhaseClock(listener, phase, Optional.empty(), Optional.empty());
        clock.start();
        return clock;
    }

    /** A phase that reads or fetches, also reported while it runs with what {@code counter} counted. */
    static PhaseClock start(Consumer<BuildEvent> listener, BuildPhase phase, Counter counter) {
        PhaseClock clock = new PhaseClock(listener, phase, Optional.empty(), Optional.of(counter));
        clock.start();
        return clock;
    }

    /**
     * A phase that writes {@code file}: also reported while it runs, with what {@code counter} counted when its
     * work counts, else with the size the file has reached.
     */
    static PhaseClock writing(Consumer<BuildEvent> listener, BuildPhase phase, Path file, Counter counter) {
        return new PhaseClock(listener, phase, Optional.of(file), Optional.of(counter));
    }

    synchronized void start() {
        if (start != 0) {
            return;
        }
        start = System.nanoTime();
        report(0, 0, false);
        if (written.isPresent() || counter.isPresent()) {
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

    /** The last report of a writing phase: what its counter counted, else the size of the file written. */
    void finish() {
        close();
        sample(true);
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
                sample(false);
            }
        } catch (InterruptedException e) {
            // the phase is over
        }
    }

    private void sample(boolean finished) {
        Counter counted = counter.filter(Counter::counting).orElse(null);
        if (counted != null) {
            report(counted.files(), counted.bytes(), counted.totalBytes(), finished);
        } else {
            report(0, writtenSize(), OptionalLong.empty(), finished);
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
        report(files, bytes, OptionalLong.empty(), finished);
    }

    private void report(long files, long bytes, OptionalLong totalBytes, boolean finished) {
        listener.accept(BuildEvent.of(new BuildProgress(phase, files, bytes, totalBytes,
                Duration.ofNanos(System.nanoTime() - start), finished)));
    }
}
