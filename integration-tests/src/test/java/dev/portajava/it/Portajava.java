package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code portajava} command against the container's system bus: the command as the tarball and the
 * .deb install it ({@code bin/portajava} on the package's own Java runtime and start-up archive), from the
 * installation the dist module lays out in its target directory.
 */
public final class Portajava {

    /** What one run of the command printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
        public Result assertOk() {
            assertEquals(0, exitCode, () -> "portajava failed: " + err + out);
            return this;
        }

        public Result assertExit(int expected) {
            assertEquals(expected, exitCode, () -> "unexpected exit code; stderr: " + err + " stdout: " + out);
            return this;
        }
    }

    /** The installed tree: {@code bin/portajava}, {@code lib/runtime}, {@code lib/portajava.jar}, … */
    public static final Path INSTALLATION = Path.of(System.getProperty("portajava.installation", "../dist/target/portajava"))
            .toAbsolutePath().normalize();
    public static final Path SAMPLES = Path.of(System.getProperty("portajava.samples", "../samples"))
            .toAbsolutePath().normalize();

    private final String busAddress;
    private final Map<String, String> environment;

    public Portajava(String busAddress) {
        this(busAddress, Map.of());
    }

    private Portajava(String busAddress, Map<String, String> environment) {
        this.busAddress = busAddress;
        this.environment = Map.copyOf(environment);
    }

    /** The same, with these environment variables set too ({@code XDG_CACHE_HOME}, …). */
    public Portajava withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.putAll(variables);
        return new Portajava(busAddress, all);
    }

    public static Portajava against(SystemdContainer systemd) {
        return new Portajava(systemd.busAddress());
    }

    public Result run(String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", busAddress);
        builder.environment().remove("SOURCE_DATE_EPOCH");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("portajava " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The command line that runs {@code portajava} with {@code args}, on the host or in a container (which binds
     * {@link #INSTALLATION} at the same path).
     */
    public static List<String> command(String... args) {
        Path launcher = INSTALLATION.resolve("bin/portajava");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing; mvn package lays it out (the dist module)");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Builds a sample into the shared image directory and returns the image path. */
    public Path buildSample(String sample, Path imagesDir, String fileName, String... extra) {
        Path output = imagesDir.resolve(fileName);
        List<String> args = new ArrayList<>(List.of("build", SAMPLES.resolve(sample).toString(), "-o", output.toString(), "--force"));
        args.addAll(List.of(extra));
        run(args.toArray(String[]::new)).assertOk();
        return output;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
