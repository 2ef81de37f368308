package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command loads, counted by the JVM's own class-loading log, in a JVM of its own. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void version_loadsNeitherPicocliNorTheCommands_andAtMost600Classes() throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> command = new java.util.ArrayList<>(CliProcess.command("--version"));
        command.add(1, "-Xlog:class+load:file=" + log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = CliProcess.read(process.getInputStream());
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));

        assertEquals(0, process.exitValue(), out);
        assertTrue(out.startsWith("portajava "), out);
        List<String> classes = Files.readAllLines(log);
        assertTrue(classes.stream().noneMatch(line -> line.contains(" picocli.")), "picocli loaded");
        assertTrue(classes.stream().noneMatch(line -> line.contains(" dev.portajava.cli.ExitStatus")),
                "the exit status list loaded");
        assertTrue(classes.size() <= 600, classes.size() + " classes loaded");
    }
}
