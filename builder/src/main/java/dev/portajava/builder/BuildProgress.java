package dev.portajava.builder;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How far a {@link BuildPhase} got: sent when it starts, while it runs and once when it is finished.
 *
 * @param files what the phase has done so far, counted in {@link BuildPhase#unit()}s; 0 when it does not count them
 * @param bytes the bytes the phase has read or written so far
 * @param totalBytes the bytes the phase will have handled when finished, when known in advance
 * @param elapsed how long the phase has run
 * @param finished whether this is the phase's last report
 */
public record BuildProgress(BuildPhase phase, long files, long bytes, OptionalLong totalBytes, Duration elapsed,
        boolean finished) {

    public BuildProgress {
        if (phase == null || totalBytes == null || elapsed == null || files < 0 || bytes < 0) {
            throw new IllegalArgumentException("a progress report needs its phase, counts and time");
        }
    }

    /** Bytes per second so far; 0 before any time has passed. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? bytes / seconds : 0;
    }

    /** The time still needed at the rate so far, when the total is known and bytes are moving. */
    public java.util.Optional<Duration> remaining() {
        if (finished || totalBytes.isEmpty() || bytes == 0 || rate() == 0) {
            return java.util.Optional.empty();
        }
        long left = Math.max(0, totalBytes.getAsLong() - bytes);
        return java.util.Optional.of(Duration.ofNanos((long) (left / rate() * 1e9)));
    }
}
