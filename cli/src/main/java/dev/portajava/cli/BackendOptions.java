package dev.portajava.cli;

import dev.portajava.attach.Backend;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.HostSelector;
import dev.portajava.attach.Portables;
import dev.portajava.attach.ProfileInstaller;
import dev.portajava.attach.UserScopeConnector;
import dev.portajava.attach.remote.RemoteHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which backend attaches, and where: {@code --backend}, {@code --root}, {@code -H} and {@code --user}. */
final class BackendOptions {

    static final Option<Backend> BACKEND = Option.value("--backend", "BACKEND", ValueType.of(Backend.values()),
            "Who attaches: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            "auto takes systemd-portabled when its bus name can be activated, else portajava's native backend,"
                    + " which writes the same files itself; --verbose says which.").defaultValue("auto");
    static final Option<Path> ROOT = Option.value("--root", "DIR", ValueType.PATH,
            "Work on the root tree DIR, which is not running: no D-Bus, no reload (native backend).");
    static final Option<Boolean> USER = Option.flag("--user", "Work on your own service manager (systemd 260 and"
            + " later): units go to your user unit directories, through the portabled systemd serves each user on the"
            + " user's bus, or natively (--backend native); for images built with [image] scope = \"user\". An image"
            + " name is looked up in your image path, as your portabled looks it up."
            + " Needs your user bus (XDG_RUNTIME_DIR or DBUS_SESSION_BUS_ADDRESS).");
    /**
     * {@code --user} of a command that works on the system's services only ({@code install}, {@code update},
     * {@code uninstall}): taken to be refused in one line ({@link #refuseRemote}), and described as that.
     */
    static final Option<Boolean> USER_REFUSED = Option.flag("--user", "Refused: this command works on the system's"
            + " services only, as it keeps the downloaded versions in /var/lib/portables. Attach an image for yourself"
            + " with 'portajava attach --user'.");
    static final List<Option<?>> ALL = List.of(BACKEND, ROOT, HostOption.HOST, USER);
    /** Those of a command that works on this machine's system services only: it takes -H and --user to refuse them. */
    static final List<Option<?>> HERE_ONLY = List.of(BACKEND, ROOT, HostOption.REFUSED, USER_REFUSED);

    private final Invocation invocation;
    private final Backend backend;
    private final Path root;
    private final HostOption remote;
    private final boolean user;

    BackendOptions(Invocation invocation) {
        this.invocation = invocation;
        backend = invocation.value(BACKEND);
        root = invocation.value(ROOT);
        remote = new HostOption(invocation);
        user = invocation.has(USER) || invocation.has(USER_REFUSED);
    }

    /** The host connection these options ask for; {@code imagePath} is where the image will be on that host. */
    HostConnection.Factory connector(Optional<String> imagePath)
            throws UsageException {
        if (user) {
            return userConnector(imagePath);
        }
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
            return remote.connector();
        }
        if (imagePath.isPresent() && root == null && backend != Backend.NATIVE) {
            throw new UsageException("--image-path applies with --root, or with --backend native: portabled attaches"
                    + " an image from the path it is given");
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
        Optional<Path> offlineRoot = root == null ? Optional.empty() : Optional.of(hostRoot());
        return new HostSelector(backend, invocation.environment().connector(), offlineRoot, imagePath,
                HostOption.notes(invocation));
    }

    /** The calling user's manager, through its portabled or natively; refuses what only works on the system's. */
    private HostConnection.Factory userConnector(Optional<String> imagePath)
            throws UsageException {
        if (root != null) {
            throw new UsageException("--user and --root exclude each other: --user attaches to your running"
                    + " manager");
        }
        if (remote.remote().isPresent()) {
            throw new UsageException("--user and -H exclude each other: -H reaches a remote host's system bus");
        }
        if (imagePath.isPresent()) {
            throw new UsageException("--image-path applies with --root only, not with --user");
        }
        return new UserScopeConnector(backend, invocation.environment().userConnector(), invocation.environment().variables(),
                HostOption.notes(invocation));
    }

    /**
     * The host these options name, as {@link Portables}: on a remote host, a profile its portabled lacks is refused,
     * since this machine's profile directory is not the host's.
     */
    Portables portables(Optional<String> imagePath) throws UsageException {
        HostConnection.Factory connector = connector(imagePath);
        if (user) {
            return new Portables(connector, ProfileInstaller.refusing("portajava installs its profiles for the"
                    + " system's portabled only; use one of the profiles your portabled has (in"
                    + " /usr/lib/systemd/user/portable/profile), or put yours into"
                    + " /etc/systemd/user/portable/profile"));
        }
        return remote.remote().isEmpty() ? new Portables(connector) : new Portables(connector,
                ProfileInstaller.refusing("portajava installs its profiles on this machine only; put it into"
                        + " /etc/systemd/portable/profile on " + remote.host + ", or use one of that host's profiles"));
    }

    /**
     * Refuses {@code -H} and {@code --user} for {@code command}, which keeps its state in this machine's files (the
     * feed's key and the downloaded versions): on a fleet, each machine runs it itself.
     */
    void refuseRemote(String command) throws UsageException {
        if (user) {
            throw new UsageException(command + " works on the system's services only (--user): it keeps the"
                    + " downloaded versions in /var/lib/portables; attach an image for yourself with 'portajava"
                    + " attach --user'");
        }
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
