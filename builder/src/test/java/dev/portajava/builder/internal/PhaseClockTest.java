package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.BuildProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A phase is reported while it runs: with what its work counted, or else with the size of the file it writes. */
class PhaseClockTest {

    @TempDir
    Path dir;

    private final List<BuildProgress> reports = new CopyOnWriteArrayList<>();

    /** A counter of {@code bytes} out of 1,000, counting when {@code counting}. */
    private record Fixed(boolean counting, AtomicLong counted) implements PhaseClock.Counter {
        @Override
        public long files() {
            return counted.get() / 100;
        }

        @Override
        public long bytes() {
            return counted.get();
        }

        @Override
        public OptionalLong totalBytes() {
            return OptionalLong.of(1000);
        }
    }

    private List<BuildProgress> running() {
        return reports.stream().filter(p -> !p.finished() && p.elapsed().toNanos() > 0 && p.bytes() > 0).toList();
    }

    @Test
    void aCountedPhase_isReportedWhileItRuns_withItsCountsAndTheTimeLeft() throws Exception {
        AtomicLong bytes = new AtomicLong(300);
        try (PhaseClock clock = PhaseClock.start(event -> event.progress().ifPresent(reports::add), BuildPhase.PULL,
                new Fixed(true, bytes))) {
            Thread.sleep(PhaseClock.INTERVAL.toMillis() * 2 + 200);
            bytes.set(1000);
            clock.finish(1, 1000);
        }

        assertTrue(running().size() >= 1, reports.toString());
        BuildProgress first = running().get(0);
        assertEquals(List.of(3L, 300L, OptionalLong.of(1000)), List.of(first.files(), first.bytes(), first.totalBytes()));
        assertTrue(first.remaining().isPresent(), "a total is known, so is the time left");
        BuildProgress last = reports.get(reports.size() - 1);
        assertEquals(List.of(true, 1L, 1000L), List.of(last.finished(), last.files(), last.bytes()));
    }

    @Test
    void since_countsWhatTheRunningTotalsGainedAfterItWasMade() {
        AtomicLong files = new AtomicLong(7);
        AtomicLong bytes = new AtomicLong(700);
        PhaseClock.Counter counter = PhaseClock.Counter.since(files::get, bytes::get);
        files.addAndGet(2);
        bytes.addAndGet(50);

        assertEquals(List.of(true, 2L, 50L, OptionalLong.empty()),
                List.of(counter.counting(), counter.files(), counter.bytes(), counter.totalBytes()));
    }

    @Test
    void aWritingPhaseWhoseWorkDoesNotCount_isReportedWithTheSizeOfItsFile() throws Exception {
        Path file = Files.write(dir.resolve("image"), new byte[4096]);
        try (PhaseClock clock = PhaseClock.writing(event -> event.progress().ifPresent(reports::add),
                BuildPhase.WRITE, file, new Fixed(false, new AtomicLong(300)))) {
            clock.start();
            Thread.sleep(PhaseClock.INTERVAL.toMillis() + 200);
            clock.finish();
        }

        assertTrue(running().size() >= 1, reports.toString());
        assertEquals(List.of(0L, 4096L, OptionalLong.empty()),
                List.of(running().get(0).files(), running().get(0).bytes(), running().get(0).totalBytes()));
        BuildProgress last = reports.get(reports.size() - 1);
        assertEquals(List.of(true, 4096L), List.of(last.finished(), last.bytes()));
    }
}
