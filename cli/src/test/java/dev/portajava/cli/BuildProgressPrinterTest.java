package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.BuildProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a build shows on standard error, on a terminal and not. */
class BuildProgressPrinterTest {

    private static final String REWRITE = "\r\033[K";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private BuildProgressPrinter printer(BuildProgressPrinter.Mode mode) {
        return new BuildProgressPrinter(new PrintWriter(out), new PrintWriter(err), mode, false);
    }

    private static BuildEvent progress(BuildPhase phase, long files, long bytes, long total, long millis,
            boolean finished) {
        return BuildEvent.of(new BuildProgress(phase, files, bytes, total < 0 ? OptionalLong.empty()
                : OptionalLong.of(total), Duration.ofMillis(millis), finished));
    }

    @Test
    void terminal_rewritesOneLinePerPhase_withRateAndTimeLeft_andKeepsItWhenFinished() {
        BuildProgressPrinter printer = printer(BuildProgressPrinter.Mode.TERMINAL);
        printer.accept(progress(BuildPhase.PULL, 0, 0, -1, 0, false));
        printer.accept(progress(BuildPhase.PULL, 1, 2_000_000, 6_000_000, 1000, false));
        printer.accept(progress(BuildPhase.PULL, 2, 6_000_000, -1, 2500, true));

        assertEquals(REWRITE + "pull: … (0.0 s)"
                + REWRITE + "pull: 1 layer, 2.0 MB, 2.0 MB/s, 2.0 s left (1.0 s)"
                + REWRITE + "pull: 2 layers, 6.0 MB in 2.5 s (2.4 MB/s)" + System.lineSeparator(), err.toString());
    }

    @Test
    void terminal_aWarningClearsTheOpenLine_andAnUnfinishedLineIsClearedAtTheEnd() {
        BuildProgressPrinter printer = printer(BuildProgressPrinter.Mode.TERMINAL);
        printer.accept(progress(BuildPhase.WRITE, 0, 1500, -1, 1000, false));
        printer.accept(BuildEvent.warning("base", "removed a setuid bit"));
        printer.accept(progress(BuildPhase.WRITE, 0, 3000, -1, 2000, false));
        printer.close();

        assertEquals(REWRITE + "write: 1.5 kB, 1.5 kB/s (1.0 s)" + REWRITE + "warning: removed a setuid bit"
                + System.lineSeparator() + REWRITE + "write: 3.0 kB, 1.5 kB/s (2.0 s)" + REWRITE, err.toString());
    }

    @Test
    void lines_printEachFinishedPhaseOnceOnStdout_andWarningsOnStderr() {
        BuildProgressPrinter printer = printer(BuildProgressPrinter.Mode.LINES);
        printer.accept(progress(BuildPhase.UNPACK, 0, 0, -1, 0, false));
        printer.accept(progress(BuildPhase.UNPACK, 10, 1000, -1, 100, false));
        printer.accept(progress(BuildPhase.UNPACK, 12, 1200, -1, 200, true));
        printer.accept(new BuildEvent("units", "wrote app.service"));
        printer.accept(BuildEvent.warning("units", "kept nothing"));
        printer.close();

        assertEquals("unpack: 12 files, 1.2 kB in 0.2 s (6.0 kB/s)" + System.lineSeparator(), out.toString());
        assertEquals("warning: kept nothing" + System.lineSeparator(), err.toString());
    }

    @Test
    void silent_printsOnlyWarnings() {
        BuildProgressPrinter printer = printer(BuildProgressPrinter.Mode.SILENT);
        printer.accept(progress(BuildPhase.WRITE, 0, 100, -1, 10, true));
        printer.accept(BuildEvent.warning("base", "removed a setuid bit"));

        assertEquals("", out.toString());
        assertEquals("warning: removed a setuid bit" + System.lineSeparator(), err.toString());
    }
}
