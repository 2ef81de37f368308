package dev.portajava.cli;

import dev.portajava.attach.Backend;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.HostSelector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Which backend attaches, and where: {@code --backend} and {@code --root}. */
final class BackendOptions {

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND",
            description = {"Who attaches: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "auto takes systemd-portabled when its bus name can be activated, else portajava's native backend,"
                    + " which writes the same files itself; --verbose says which."})
    Backend backend;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Work on the root tree DIR, which is not running: no D-Bus, no reload (native backend).")
    Path root;

    /** The host connection these options ask for; {@code imagePath} is where the image will be on that host. */
    HostConnection.Factory connector(Main main, CommandSpec spec, Optional<String> imagePath) throws UsageException {
        if (root != null) {
            if (backend == Backend.PORTABLED) {
                throw new UsageException("--root works with the native backend only (portabled attaches to the"
                        + " running system)");
            }
            if (!Files.isDirectory(root)) {
                throw new UsageException("--root: " + root + " is not a directory");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        return new HostSelector(backend, main.environment().connector(),
                Optional.ofNullable(root).map(p -> p.toAbsolutePath().normalize()), imagePath, note -> {
                    if (main.verbose) {
                        err.println(note);
                        err.flush();
                    }
                });
    }

    boolean offline() {
        return root != null;
    }

    /** The root of the host these options work on: {@code --root}, or this machine's {@code /}. */
    Path hostRoot() {
        return root == null ? Path.of("/") : root.toAbsolutePath().normalize();
    }
}
