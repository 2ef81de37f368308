package dev.portajava.attach.remote;

import dev.portajava.attach.RemoteHostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One ssh connection to a remote host, shared by everything a command runs there: a master ssh process
 * ({@code ControlMaster}) logs in once, and each remote command runs over it as a session of its own. Its control
 * socket and the commands' error output live in a private directory that {@link #close()} removes.
 * The ssh binary is {@code $SYSTEMD_SSH} (a name looked up in {@code PATH}, or a path) as for sd-bus, else {@code ssh}.
 */
public final class SshSession implements AutoCloseable {

    /** How long logging in may take, a password typed at ssh's prompt included. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);

    private final RemoteHost host;
    private final String ssh;
    private final Path directory;
    private final Process master;
    private final AtomicInteger commands = new AtomicInteger();

    private SshSession(RemoteHost host, String ssh, Path directory, Process master) {
        this.host = host;
        this.ssh = ssh;
        this.directory = directory;
        this.master = master;
    }

    /** The ssh binary {@code environment} names: {@code SYSTEMD_SSH}, else {@code ssh}. */
    public static String sshBinary(Map<String, String> environment) {
        String value = environment.get("SYSTEMD_SSH");
        return value == null || value.isBlank() ? "ssh" : value;
    }

    /** Logs in to {@code host}; refused in one line if ssh cannot reach it or log in. */
    public static SshSession open(RemoteHost host, String ssh) throws RemoteHostException {
        Path directory;
        try {
            directory = Files.createTempDirectory("portajava-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RemoteHostException("cannot make a directory for the ssh connection to " + host + ": "
                    + e.getMessage(), e);
        }
        Path control = directory.resolve("control");
        Path errors = directory.resolve("login.err");
        List<String> command = new ArrayList<>(List.of(ssh));
        command.addAll(host.sshArguments(List.of("-N", "-o", "ControlMaster=yes", "-o", "ControlPersist=no",
                "-o", "ControlPath=" + control), List.of()));
        Process master;
        try {
            master = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                    .toFile())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
        } catch (IOException e) {
            delete(directory);
            throw new RemoteHostException("cannot run " + ssh + " to reach " + host + ": " + e.getMessage()
                    + " (install openssh-client, or name the ssh binary with SYSTEMD_SSH)", e);
        }
        SshSession session = new SshSession(host, ssh, directory, master);
        try {
            session.awaitLogin(control, errors);
            return session;
        } catch (RemoteHostException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void awaitLogin(Path control, Path errors) throws RemoteHostException {
        Instant deadline = Instant.now().plus(LOGIN_TIMEOUT);
        try {
            while (!Files.exists(control)) {
                if (master.waitFor(20, TimeUnit.MILLISECONDS)) {
                    throw new RemoteHostException("cannot reach " + host + " over ssh: " + lastLine(errors,
                            "ssh exited with status " + master.exitValue()));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new RemoteHostException("cannot reach " + host + " over ssh: not logged in after "
                            + LOGIN_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteHostException("interrupted while logging in to " + host);
        }
    }

    public RemoteHost host() {
        return host;
    }

    /** A path in the connection's private directory, which only this user can enter. */
    Path privatePath(String name) {
        return directory.resolve(name);
    }

    /**
     * Starts {@code script}, a POSIX shell script, on the host over this connection; its standard error goes to a
     * file that {@link #errorOf(Command)} reads.
     */
    public Command start(String script) throws RemoteHostException {
        return startCommand(List.of("sh", "-c", quote(script)));
    }

    /** Starts {@code program}, a command without arguments, on the host over this connection. */
    public Command startProgram(String program) throws RemoteHostException {
        return startCommand(List.of(program));
    }

    private Command startCommand(List<String> remote) throws RemoteHostException {
        Path errors = directory.resolve("command-" + commands.incrementAndGet() + ".err");
        List<String> command = new ArrayList<>(List.of(ssh));
        command.addAll(host.sshArguments(List.of("-o", "ControlMaster=no", "-o", "ControlPath="
                + directory.resolve("control")), remote));
        try {
            return new Command(new ProcessBuilder(command).redirectError(errors.toFile()).start(), errors);
        } catch (IOException e) {
            throw new RemoteHostException("cannot run " + ssh + " to reach " + host + ": " + e.getMessage(), e);
        }
    }

    /** A command running on the host, and the file its standard error goes to. */
    public record Command(Process process, Path errors) {

        /** The last line it wrote to standard error, else {@code fallback}. */
        public String lastError(String fallback) {
            return lastLine(errors, fallback);
        }
    }

    /** {@code text} as one word for a POSIX shell. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String lastLine(Path file, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? fallback : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return fallback;
        }
    }

    /** Ends the connection (and so every command still running over it), and removes the private directory. */
    @Override
    public void close() {
        master.destroy();
        try {
            if (!master.waitFor(5, TimeUnit.SECONDS)) {
                master.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            // a private directory under java.io.tmpdir; nothing else refers to it
        }
    }
}
