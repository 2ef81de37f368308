package dev.portajava.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command in a JVM of its own, as a user runs it: in a working directory of the test's choosing (relative
 * paths and the current directory are the point), with only the environment given.
 */
record CliProcess(int code, String out, String err) {

    /** The command line that starts {@code portajava} with this test's classes, in a JVM of its own. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EntryPoint.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static CliProcess run(Path directory, Map<String, String> environment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("portajava " + String.join(" ", args) + " did not finish");
            }
            return new CliProcess(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Standard error is exactly one line. */
    String errLine() {
        org.junit.jupiter.api.Assertions.assertEquals(1, err.lines().count(), "one line on stderr: " + err);
        return err.strip();
    }
}
