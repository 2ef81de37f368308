package dev.portajava.cli;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildProgress;
import dev.portajava.text.ByteCount;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows a build's events. Warnings always, on standard error. The long phases (pull, unpack, write, verity): on a
 * terminal as one line on standard error that is rewritten while the phase runs and kept when it is finished;
 * otherwise one line per finished phase on standard output, with the result, so that standard error keeps to
 * warnings and the one line of an error; nothing when silent. With {@code --verbose}, every step's message on
 * standard error too.
 */
final class BuildProgressPrinter implements Consumer<BuildEvent>, AutoCloseable {

    /** How the phases are shown. */
    enum Mode {
        /** Not at all ({@code --quiet}, {@code --json}). */
        SILENT,
        /** A line per finished phase on standard output (not on a terminal). */
        LINES,
        /** One updating line per phase. */
        TERMINAL
    }

    /** Goes back to the start of the line and clears it. */
    private static final String REWRITE = "\r\033[K";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;
    private final boolean verbose;
    private boolean lineOpen;

    BuildProgressPrinter(PrintWriter out, PrintWriter err, Mode mode, boolean verbose) {
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.verbose = verbose;
    }

    /**
     * The printer of a command's invocation: silent ({@code --quiet}, {@code --json}), else updating lines on a
     * terminal and a line per phase otherwise; every step with {@code --verbose}.
     */
    static BuildProgressPrinter of(Invocation invocation, boolean silent) {
        Mode mode = silent ? Mode.SILENT : System.console() != null ? Mode.TERMINAL : Mode.LINES;
        return new BuildProgressPrinter(invocation.out(), invocation.err(), mode, invocation.verbose());
    }

    @Override
    public synchronized void accept(BuildEvent event) {
        if (event.progress().isPresent()) {
            show(event.progress().get());
        } else if (event.warning()) {
            println("warning: " + event.message());
        } else if (verbose) {
            println(event.step() + ": " + event.message());
        }
    }

    private void show(BuildProgress progress) {
        if (mode == Mode.TERMINAL) {
            err.print(REWRITE + line(progress));
            lineOpen = !progress.finished();
            if (progress.finished()) {
                err.println();
            }
            err.flush();
        } else if (mode == Mode.LINES && progress.finished()) {
            out.println(line(progress));
            out.flush();
        }
    }

    /** Clears the line of a phase that did not finish, so that an error is printed on a line of its own. */
    @Override
    public synchronized void close() {
        if (lineOpen) {
            err.print(REWRITE);
            err.flush();
            lineOpen = false;
        }
    }

    /** Prints a whole line, below the updating line if one is open. */
    private void println(String line) {
        if (lineOpen) {
            err.print(REWRITE);
            lineOpen = false;
        }
        err.println(line);
        err.flush();
    }

    /**
     * {@code write: 1.2 MB in 0.4 s (3.0 MB/s)} (or {@code write: 0.4 s}) when finished; {@code pull: 2 layers, 1.1 MB, 3.0 MB/s, 5 s left}
     * while it runs.
     */
    static String line(BuildProgress progress) {
        List<String> parts = new ArrayList<>();
        if (progress.files() > 0) {
            parts.add(progress.files() + " " + progress.phase().unit() + (progress.files() == 1 ? "" : "s"));
        }
        if (progress.bytes() > 0) {
            parts.add(ByteCount.of(progress.bytes()));
        }
        String rate = progress.bytes() > 0 && progress.rate() > 0
                ? ByteCount.of((long) progress.rate()) + "/s" : "";
        String done = String.join(", ", parts);
        if (progress.finished()) {
            return progress.phase().label() + ": " + (done.isEmpty() ? "" : done + " in ")
                    + seconds(progress.elapsed()) + (rate.isEmpty() ? "" : " (" + rate + ")");
        }
        if (!rate.isEmpty()) {
            parts.add(rate);
        }
        progress.remaining().ifPresent(left -> parts.add(seconds(left) + " left"));
        return progress.phase().label() + ": " + (parts.isEmpty() ? "…" : String.join(", ", parts))
                + " (" + seconds(progress.elapsed()) + ")";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
