package dev.portajava.builder.internal;

import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.ImagePlan;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files of the plan that the write phase's writer got through, the phase's {@link PhaseClock.Counter}: a writer
 * that tells them ({@link #count}, portajava's squashfs writer) has its phase report files and bytes out of the
 * plan's, and so the time left; of another the phase reports the size its output has reached.
 */
public final class WrittenFiles implements SquashfsWriter.FileProgress, PhaseClock.Counter {

    private final long totalBytes;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean counting;

    /** The files of {@code plan}, none written yet. */
    WrittenFiles(ImagePlan plan) {
        this.totalBytes = plan.fileBytes();
    }

    /** A writer that will tell each file it writes: the phase reports them from now on. */
    SquashfsWriter.FileProgress count() {
        counting = true;
        return this;
    }

    @Override
    public void written(long size) {
        bytes.addAndGet(size);
        files.incrementAndGet();
    }

    @Override
    public boolean counting() {
        return counting;
    }

    @Override
    public long files() {
        return files.get();
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    /** The bytes of the plan's files. */
    @Override
    public OptionalLong totalBytes() {
        return OptionalLong.of(totalBytes);
    }
}
