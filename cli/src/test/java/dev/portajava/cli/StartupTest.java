package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command loads, counted by the JVM's own class-loading log, in a JVM of its own. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void version_loadsNeitherPicocliNorTheCommands_andAtMost600Classes() throws Exception {
        List<String> classes = loaded("--version");

        assertTrue(classes.stream().noneMatch(name -> name.startsWith("picocli.")), "picocli loaded");
        assertTrue(classes.stream().noneMatch(name -> name.startsWith("dev.portajava.cli.ExitStatus")),
                "the exit status list loaded");
        assertTrue(classes.size() <= 600, classes.size() + " classes loaded");
    }

    @Test
    void attachToARoot_loadsItsOwnCommandOnly_noDBusClient_noDateOrJdbcTypes() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path image = TestImages.hello(root.resolve("var/lib/portables"), "hello");

        List<String> classes = loaded("attach", "--root", root.toString(), "--backend", "native", image.toString());

        assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system.attached/hello.service")), "not attached");
        List<String> commands = classes.stream()
                .filter(name -> name.startsWith("dev.portajava.cli.") && name.endsWith("Command"))
                .collect(Collectors.toList());
        assertEquals(List.of("dev.portajava.cli.AttachCommand"), commands);
        assertTrue(classes.stream().noneMatch(name -> name.startsWith("org.freedesktop.")), "the D-Bus client loaded");
        List<String> dates = classes.stream().filter(name -> name.startsWith("java.sql.")
                || name.startsWith("java.time.format.") || name.startsWith("java.time.chrono."))
                .collect(Collectors.toList());
        assertEquals(List.of(), dates);
    }

    /** The names of the classes that {@code portajava args} loads, in the order it loads them; it must succeed. */
    private List<String> loaded(String... args) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(CliProcess.command(args));
        command.add(1, "-Xlog:class+load:file=" + log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = CliProcess.read(process.getInputStream());
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        // [0.012s][info][class,load] java.lang.Object source: shared objects file
        return Files.readAllLines(log).stream().map(line -> line.split(" ")[1]).collect(Collectors.toList());
    }
}
