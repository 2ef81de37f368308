package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A real systemd with systemd-portabled (252 unless a test asks for another {@link SystemdImage}), in a container
 * built locally from Debian packages ({@code scripts/provision.sh}). Not privileged: the capabilities, device rules
 * and mounts below are what portabled needs to attach raw images and systemd needs to run them. The host reaches the
 * container's system bus through a bound directory, and images live in a directory with the same absolute path on
 * both sides, under /var/tmp: systemd 262 mounts a tmpfs on /tmp, which would hide a directory bound there.
 */
public final class SystemdContainer extends GenericContainer<SystemdContainer> {

    public static final DockerImageName IMAGE = SystemdImage.BOOKWORM.image();

    /** Where the directories shared with the container are made: a path no version mounts over. */
    private static final Path SHARED_PARENT = Path.of("/var/tmp");
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final Path UNIFIED_CGROUP = CGROUP.resolve("unified");

    private static final Map<SystemdImage, SystemdContainer> SHARED = new java.util.EnumMap<>(SystemdImage.class);

    private final SystemdImage systemd;

    private Path busDir;
    private Path imagesDir;

    private SystemdContainer(SystemdImage systemd, DockerImageName image) {
        super(image);
        this.systemd = systemd;
        withImagePullPolicy(name -> false); // no registry is reachable: the image is built locally
        withNetworkMode("none");
        withTmpFs(Map.of("/run", "rw,mode=755", "/run/lock", "rw"));
        // systemd 256 and later refuse cgroup v1: on a hybrid host they get its unified hierarchy as their cgroup fs
        Path cgroup = systemd.needsUnifiedCgroup() && Files.isDirectory(UNIFIED_CGROUP) ? UNIFIED_CGROUP : CGROUP;
        withFileSystemBind(cgroup.toString(), CGROUP.toString(), BindMode.READ_WRITE);
        withFileSystemBind("/dev", "/dev", BindMode.READ_WRITE); // loop devices appear on the host's devtmpfs
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withCapAdd(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.SYS_PTRACE, Capability.MKNOD)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withCgroupnsMode("host")
                .withDeviceCgroupRules(List.of("b 7:* rmw", "c 10:237 rmw", "b 259:* rmw")));
        waitingFor(new SystemdRunning().withStartupTimeout(Duration.ofSeconds(90)));
        withFileSystemBind(Portajava.INSTALLATION.toString(), Portajava.INSTALLATION.toString(), BindMode.READ_ONLY);
    }

    /**
     * A container of its own, from {@code image} (a local image), for a test that changes the system itself; the
     * caller stops it.
     */
    public static SystemdContainer startNew(DockerImageName image) {
        return startNew(image, Map.of());
    }

    /** A container of its own running {@code systemd}'s image, for a test that changes the system itself. */
    public static SystemdContainer startNew(SystemdImage systemd) {
        requireDocker();
        SystemdContainer container = new SystemdContainer(systemd, systemd.image());
        container.start();
        return container;
    }

    /** The same, with host directories bound into it: host path to the path in the container. */
    public static SystemdContainer startNew(DockerImageName image, Map<Path, String> binds) {
        requireDocker();
        SystemdContainer container = new SystemdContainer(SystemdImage.BOOKWORM, image);
        binds.forEach((host, inside) -> container.withFileSystemBind(host.toString(), inside, BindMode.READ_WRITE));
        container.start();
        return container;
    }

    /** Runs the portajava command inside the container, installed as the package installs it, as root. */
    public Portajava.Result portajava(String... args) {
        return portajavaWith(List.of(), args);
    }

    /** The same, as {@code user} ({@code runuser}). */
    public Portajava.Result portajavaAs(String user, String... args) {
        return portajavaWith(List.of("runuser", "-u", user, "--"), args);
    }

    /** The same, as {@code user} with these environment variables set ({@code XDG_RUNTIME_DIR}, …). */
    public Portajava.Result portajavaAs(String user, Map<String, String> environment, String... args) {
        List<String> prefix = new java.util.ArrayList<>(List.of("runuser", "-u", user, "--", "env"));
        environment.forEach((name, value) -> prefix.add(name + "=" + value));
        return portajavaWith(prefix, args);
    }

    /** The same, with these environment variables set. */
    public Portajava.Result portajava(Map<String, String> environment, String... args) {
        List<String> prefix = new java.util.ArrayList<>(List.of("env"));
        environment.forEach((name, value) -> prefix.add(name + "=" + value));
        return portajavaWith(prefix, args);
    }

    private Portajava.Result portajavaWith(List<String> prefix, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(Portajava.command(args));
        ExecResult result = exec(command.toArray(String[]::new));
        return new Portajava.Result(result.getExitCode(), result.getStdout(), result.getStderr());
    }

    /**
     * What attach left on the host: every entry under the attached and portables directories, with its kind,
     * mode, and link target or content hash, one per line.
     */
    public String attachedTree() {
        return run("sh", "-c", "for d in /etc/systemd/system.attached /etc/portables /run/systemd/system.attached"
                + " /run/portables; do [ -e $d ] || continue; find $d | sort | while read f; do"
                + " if [ -L \"$f\" ]; then echo \"L $f -> $(readlink \"$f\")\";"
                + " elif [ -d \"$f\" ]; then echo \"D $(stat -c %a \"$f\") $f\";"
                + " else echo \"F $(stat -c %a \"$f\") $f $(md5sum < \"$f\" | cut -c1-32)\"; fi; done; done");
    }

    /**
     * The container all integration tests share, systemd 252, started on first use and stopped when the JVM exits.
     * Without a Docker engine the tests are skipped on a developer's machine, but fail when {@code CI=true}.
     */
    public static SystemdContainer shared() {
        return shared(SystemdImage.BOOKWORM);
    }

    /** The container the tests on {@code systemd} share, likewise. */
    public static synchronized SystemdContainer shared(SystemdImage systemd) {
        SystemdContainer container = SHARED.get(systemd);
        if (container == null) {
            requireDocker();
            container = new SystemdContainer(systemd, systemd.image());
            try {
                container.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start " + systemd + " from " + systemd.image()
                        + " (scripts/provision.sh builds it): " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "systemd-container-stop"));
            SHARED.put(systemd, container);
        }
        return container;
    }

    /** The systemd version this container runs. */
    public SystemdImage systemd() {
        return systemd;
    }

    private static void requireDocker() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String why = "no Docker engine answers (run scripts/provision.sh as root)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; CI=true, so the integration tests fail instead of being skipped");
        }
        Assumptions.abort(why);
    }

    @Override
    public void start() {
        try {
            busDir = Files.createTempDirectory(SHARED_PARENT, "pj-bus-");
            imagesDir = Files.createTempDirectory(SHARED_PARENT, "pj-images-");
            for (Path dir : List.of(busDir, imagesDir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        withFileSystemBind(busDir.toString(), "/run/dbus", BindMode.READ_WRITE);
        withFileSystemBind(imagesDir.toString(), imagesDir.toString(), BindMode.READ_WRITE);
        try {
            super.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            deleteQuietly(busDir);
            deleteQuietly(imagesDir);
        }
    }

    /** The host directory the container's system bus socket is in (its /run/dbus). */
    public Path busDirectory() {
        return busDir;
    }

    /** The address of the container's system bus, for {@code DBUS_SYSTEM_BUS_ADDRESS}. */
    public String busAddress() {
        return "unix:path=" + busDir.resolve("system_bus_socket");
    }

    /** A directory at the same absolute path on the host and in the container. */
    public Path imagesDir() {
        return imagesDir;
    }

    /** Runs a command in the container and returns its standard output; fails the test if it exits non-zero. */
    public String run(String... command) {
        ExecResult result = exec(command);
        if (result.getExitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.getExitCode() + ": " + result.getStderr() + result.getStdout());
        }
        return result.getStdout();
    }

    /** Runs a command in the container. */
    public ExecResult exec(String... command) {
        try {
            return execInContainer(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True if {@code path} exists in the container (symlinks are not followed). */
    public boolean exists(String path) {
        return exec("test", "-e", path).getExitCode() == 0 || exec("test", "-L", path).getExitCode() == 0;
    }

    /** A property of a unit, as {@code systemctl show -p NAME --value} prints it. */
    public String unitProperty(String unit, String property) {
        return run("systemctl", "show", "-p", property, "--value", unit).strip();
    }

    /** The messages of a unit's current invocation, one per line; empty when it has none. */
    public String invocationJournal(String unit) {
        String invocation = unitProperty(unit, "InvocationID");
        return invocation.isEmpty() ? ""
                : exec("journalctl", "--no-pager", "-o", "cat", "_SYSTEMD_INVOCATION_ID=" + invocation).getStdout();
    }

    /** The journal of a unit since the container started. */
    public String journal(String unit) {
        return run("journalctl", "--no-pager", "-o", "cat", "-u", unit);
    }

    private static void deleteQuietly(Path path) {
        if (path != null && Files.exists(path)) {
            try {
                PathUtils.delete(path);
            } catch (IOException e) {
                // a left-over empty temporary directory is harmless
            }
        }
    }

    /** Waits until {@code systemctl is-system-running} says running (or degraded) in the container. */
    private static final class SystemdRunning extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            String last = "?";
            while (System.nanoTime() < deadline) {
                try {
                    last = waitStrategyTarget.execInContainer("systemctl", "is-system-running").getStdout().strip();
                    if (last.equals("running") || last.equals("degraded")) {
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for systemd", e);
                } catch (Exception e) {
                    last = e.toString(); // early boot: no bus yet
                }
            }
            throw new ContainerLaunchException("systemd did not come up; last state: " + last);
        }
    }
}
