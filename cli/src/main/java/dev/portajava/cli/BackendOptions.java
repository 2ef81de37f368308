package dev.portajava.cli;

import dev.portajava.attach.Backend;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.HostSelector;
import dev.portajava.attach.Portables;
import dev.portajava.attach.ProfileInstaller;
import dev.portajava.attach.remote.RemoteHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Which backend attaches, and where: {@code --backend}, {@code --root} and {@code -H}. */
final class BackendOptions {

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND",
            description = {"Who attaches: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "auto takes systemd-portabled when its bus name can be activated, else portajava's native backend,"
                    + " which writes the same files itself; --verbose says which."})
    Backend backend;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Work on the root tree DIR, which is not running: no D-Bus, no reload (native backend).")
    Path root;

    @Mixin
    HostOption remote;

    /** The host connection these options ask for; {@code imagePath} is where the image will be on that host. */
    HostConnection.Factory connector(Main main, CommandSpec spec, Optional<String> imagePath) throws UsageException {
        Optional<RemoteHost> host = remote.remote();
        if (host.isPresent()) {
            if (root != null) {
                throw new UsageException("-H and --root exclude each other: --root works on a tree here");
            }
            if (backend == Backend.NATIVE) {
                throw new UsageException("-H works with portabled only: the native backend writes this machine's"
                        + " files (use --backend auto or portabled)");
            }
            if (imagePath.isPresent()) {
                throw new UsageException("--image-path does not apply with -H: an image given by path is copied to"
                        + " /var/lib/portables on " + host.get());
            }
            return remote.connector(main, spec);
        }
        if (root != null) {
            if (backend == Backend.PORTABLED) {
                throw new UsageException("--root works with the native backend only (portabled attaches to the"
                        + " running system)");
            }
            if (!Files.isDirectory(root)) {
                throw new UsageException("--root: " + root + " is not a directory");
            }
        }
        return new HostSelector(backend, main.environment().connector(),
                Optional.ofNullable(root).map(p -> p.toAbsolutePath().normalize()), imagePath,
                HostOption.notes(main, spec));
    }

    /**
     * The host these options name, as {@link Portables}: on a remote host, a profile its portabled lacks is refused,
     * since this machine's profile directory is not the host's.
     */
    Portables portables(Main main, CommandSpec spec, Optional<String> imagePath) throws UsageException {
        HostConnection.Factory connector = connector(main, spec, imagePath);
        return remote.remote().isEmpty() ? new Portables(connector) : new Portables(connector,
                ProfileInstaller.refusing("portajava installs its profiles on this machine only; put it into"
                        + " /etc/systemd/portable/profile on " + remote.host + ", or use one of that host's profiles"));
    }

    /**
     * Refuses {@code -H} for {@code command}, which keeps its state in this machine's files (the feed's key and the
     * downloaded versions): on a fleet, each machine runs it itself.
     */
    void refuseRemote(String command) throws UsageException {
        if (remote.remote().isPresent()) {
            throw new UsageException(command + " works on this machine only (-H " + remote.host + "): it keeps the"
                    + " downloaded versions here; run it on that host, or attach a local image there with 'portajava"
                    + " attach -H'");
        }
    }

    boolean offline() {
        return root != null;
    }

    /** The root of the host these options work on: {@code --root}, or this machine's {@code /}. */
    Path hostRoot() {
        return root == null ? Path.of("/") : root.toAbsolutePath().normalize();
    }
}
