package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Per-user portable services ({@code --user}) on the real per-user portabled of systemd 262 (sid), run as a user
 * without privileges whose manager runs by {@code loginctl enable-linger}, and the refusal on systemd 257 (trixie).
 * An image directory of the user's own is attached, started, listed and detached, with the files portablectl
 * {@code --user} writes. A raw image is mounted for a user by systemd-mountfsd through systemd-nsresourced, whose BPF
 * LSM program a kernel may refuse to load: then portajava must say so in one line, and attach nothing.
 */
class UserScopeIT {

    private static final String USER = "alice";
    private static final String HOME = "/home/" + USER;
    /** Where a user's portabled attaches, persistently, and links the images it attached. */
    private static final List<String> ATTACHED = List.of(HOME + "/.config/systemd/user.attached",
            HOME + "/.config/portables");

    private static SystemdContainer sid;
    private static Map<String, String> session;
    private static Path directory;
    private static Path raw;
    private static Path systemImage;

    /** The systemd 262 container with the user logged in and the images built, started on first use. */
    private static synchronized void sid() throws IOException {
        if (sid != null) {
            return;
        }
        // its own machine: the user, its manager and the mounts for systemd-nsresourced stay out of other tests' way
        sid = SystemdContainer.startNew(SystemdImage.SID);
        session = loggedIn(sid);
        // what systemd-nsresourced needs to load its BPF LSM program, which a container is not given by itself
        sid.run("sh", "-c", "mountpoint -q /sys/kernel/security || mount -t securityfs securityfs /sys/kernel/security;"
                + " mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf");
        sid.run("systemctl", "start", "systemd-mountfsd.socket", "systemd-nsresourced.socket");

        Path spec = userSpec(sid.imagesDir().resolve("spec"));
        Portajava portajava = Portajava.against(sid);
        Path builtDirectory = sid.imagesDir().resolve("hello_1.0");
        Path builtRaw = sid.imagesDir().resolve("hello_1.0.raw");
        portajava.run("build", spec.toString(), "-o", builtDirectory.toString()).assertOk();
        portajava.run("build", spec.toString(), "-o", builtRaw.toString()).assertOk();
        systemImage = portajava.buildSample("hello", sid.imagesDir(), "system_1.0.raw");
        sid.run("chmod", "-R", "a+rX", sid.imagesDir().toString());
        // the user's own copies, in the user's image search path: systemd creates the mount points a service
        // needs (/lib, the user's StateDirectory= under the home) in an image directory, as the user
        String images = HOME + "/.local/state/portables";
        directory = Path.of(images, "hello_1.0");
        raw = Path.of(HOME, "hello_1.0.raw");
        for (String[] command : List.of(new String[] {"mkdir", "-p", images},
                new String[] {"cp", "-a", builtDirectory.toString(), directory.toString()},
                new String[] {"cp", builtRaw.toString(), raw.toString()})) {
            ExecResult copy = asUser(command);
            assertEquals(0, copy.getExitCode(), copy.getStderr());
        }
    }

    /** Whatever a failed test left attached for the user is removed, so that the next test starts from nothing. */
    @AfterEach
    void detachWhatIsLeft() {
        if (sid != null && attachedTree().lines().anyMatch(line -> line.contains("hello"))) {
            asUser("systemctl", "--user", "stop", "hello.service");
            asUser("rm", "-rf", HOME + "/.config/systemd/user.attached", HOME + "/.config/portables");
            asUser("systemctl", "--user", "daemon-reload");
            asUser("systemctl", "--user", "reset-failed");
        }
    }

    @AfterAll
    static void stop() {
        if (sid != null) {
            sid.stop();
        }
    }

    /** A user with a running manager and bus; the environment the user's commands run with. */
    static Map<String, String> loggedIn(SystemdContainer systemd) {
        systemd.run("useradd", "--create-home", USER);
        String uid = systemd.run("id", "-u", USER).strip();
        systemd.run("loginctl", "enable-linger", USER);
        String bus = "/run/user/" + uid + "/bus";
        systemd.run("sh", "-c", "for i in $(seq 60); do [ -S " + bus + " ] && exit 0; sleep 0.5; done; exit 1");
        return Map.of("XDG_RUNTIME_DIR", "/run/user/" + uid, "HOME", HOME);
    }

    /** samples/hello, built for a user's manager: {@code [image] scope = "user"}. */
    private static Path userSpec(Path spec) throws IOException {
        Files.createDirectories(spec);
        try (var files = Files.list(Portajava.SAMPLES.resolve("hello"))) {
            for (Path file : files.toList()) {
                Files.copy(file, spec.resolve(file.getFileName()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path toml = spec.resolve("portable.toml");
        Files.writeString(toml, Files.readString(toml).replace("version = \"1.0\"", "version = \"1.0\"\nscope = \"user\""));
        return spec;
    }

    private static Portajava.Result portajava(String... args) {
        return sid.portajavaAs(USER, session, args);
    }

    /** A command of systemd's, as the user in the user's session. */
    private static ExecResult asUser(String... command) {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", USER, "--", "env"));
        session.forEach((name, value) -> line.add(name + "=" + value));
        line.addAll(List.of(command));
        return sid.exec(line.toArray(String[]::new));
    }

    /** Every entry attached for the user: kind, path, and link target or content hash, one per line. */
    private static String attachedTree() {
        return sid.run("sh", "-c", "for d in " + String.join(" ", ATTACHED) + "; do [ -e $d ] || continue;"
                + " find $d | sort | while read f; do if [ -L \"$f\" ]; then echo \"L $f -> $(readlink \"$f\")\";"
                + " elif [ -d \"$f\" ]; then echo \"D $f\"; else echo \"F $f $(md5sum < \"$f\" | cut -c1-32)\"; fi;"
                + " done; done");
    }

    private static void assertNothingOfHelloLeft() {
        assertTrue(attachedTree().lines().noneMatch(line -> line.contains("hello")), attachedTree());
        assertEquals("not-found", asUser("systemctl", "--user", "show", "-p", "LoadState", "--value",
                "hello.service").getStdout().strip());
    }

    @Test
    void directoryImage_attachedForTheUser_runsInTheUsersManager_asPortablectlAttachesIt_andDetachLeavesNothing() throws IOException {
        sid();
        ExecResult reference = asUser("portablectl", "--user", "attach", directory.toString());
        assertEquals(0, reference.getExitCode(), reference.getStderr());
        String portablectls = attachedTree();
        assertTrue(portablectls.contains("F " + HOME + "/.config/systemd/user.attached/hello.service "), portablectls);
        assertEquals(0, asUser("portablectl", "--user", "detach", directory.toString()).getExitCode());
        assertNothingOfHelloLeft();

        portajava("attach", "--user", directory.toString(), "--now").assertOk();

        assertEquals(portablectls, attachedTree(), "the same files as portablectl --user writes");
        assertEquals("active", asUser("systemctl", "--user", "is-active", "hello.service").getStdout().strip());
        String journal = sid.run("sh", "-c", "for i in $(seq 20); do journalctl --no-pager -o cat _SYSTEMD_USER_UNIT="
                + "hello.service | grep -q 'start number' && break; sleep 0.5; done; journalctl --no-pager -o cat"
                + " _SYSTEMD_USER_UNIT=hello.service");
        assertTrue(journal.contains("hello from a portable service: start number 1"), journal);
        Portajava.Result state = portajava("is-attached", "--user", directory.toString()).assertOk();
        assertEquals("running", state.out().strip());
        String listed = portajava("list", "--user").assertOk().out();
        assertTrue(listed.lines().anyMatch(line -> line.matches("hello_1\\.0 +directory .* running")), listed);
        assertEquals("detached", sid.portajava("is-attached", directory.toString()).out().strip(),
                "the system's portabled knows nothing of it");

        portajava("detach", "--user", directory.toString(), "--now").assertOk();

        assertNothingOfHelloLeft();
        Portajava.Result detached = portajava("is-attached", "--user", directory.toString()).assertExit(1);
        assertEquals("detached", detached.out().strip());
    }

    /** What {@code portablectl --user attach ARGS} writes, detached again (so nothing of it is left). */
    private static String portablectlAttaches(String... args) {
        List<String> attach = new ArrayList<>(List.of("portablectl", "--user", "attach"));
        attach.addAll(List.of(args));
        ExecResult reference = asUser(attach.toArray(String[]::new));
        assertEquals(0, reference.getExitCode(), reference.getStderr());
        String tree = attachedTree();
        assertTrue(tree.contains("F " + HOME + "/.config/systemd/user.attached/hello.service "), tree);
        ExecResult detach = asUser("portablectl", "--user", "detach", args[0]);
        assertEquals(0, detach.getExitCode(), detach.getStderr());
        assertNothingOfHelloLeft();
        return tree;
    }

    private static void assertHelloRuns() {
        assertEquals("active", asUser("systemctl", "--user", "is-active", "hello.service").getStdout().strip());
        String journal = sid.run("sh", "-c", "for i in $(seq 20); do journalctl --no-pager -o cat _SYSTEMD_USER_UNIT="
                + "hello.service | grep -q 'hello from a portable service' && break; sleep 0.5; done; journalctl"
                + " --no-pager -o cat _SYSTEMD_USER_UNIT=hello.service");
        assertTrue(journal.contains("hello from a portable service: start number"), journal);
    }

    @Test
    void nativeBackend_attachesForTheUser_theVeryFilesPortablectlUserWrites_startsIt_andDetachLeavesNothing() throws IOException {
        sid();
        String portablectls = portablectlAttaches(directory.toString());

        Portajava.Result attached = portajava("--verbose", "attach", "--user", "--backend", "native",
                directory.toString(), "--now").assertOk();

        assertTrue(attached.err().contains("backend: native, into " + HOME + "/.config/systemd/user.attached"),
                attached.err());
        assertEquals(portablectls, attachedTree(), "byte for byte what the user's portabled writes");
        assertHelloRuns();
        assertEquals("running", portajava("is-attached", "--user", "--backend", "native", directory.toString())
                .assertOk().out().strip());
        assertEquals("running", asUser("portablectl", "--user", "is-attached", directory.toString()).getStdout()
                .strip(), "the user's portabled takes it for its own");
        String listed = portajava("list", "--user", "--backend", "native").assertOk().out();
        assertTrue(listed.lines().anyMatch(line -> line.matches("hello_1\\.0 +directory .* running")), listed);
        assertEquals(List.of(), sid.run("find", HOME, "-user", "root").lines().toList(),
                "nothing in the home belongs to root");

        portajava("detach", "--user", "--backend", "native", directory.toString(), "--now").assertOk();

        assertNothingOfHelloLeft();
        assertEquals("inactive", asUser("systemctl", "--user", "is-active", "hello.service").getStdout().strip());
    }

    @Test
    void nativeBackend_withoutTheUsersBus_writesTheSameFilesForTheManagerToRead_andRefusesNowBeforeWriting()
            throws IOException {
        sid();
        String portablectls = portablectlAttaches(directory.toString());
        Map<String, String> noBus = new java.util.HashMap<>(session);
        noBus.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + HOME + "/no-bus");

        Portajava.Result now = sid.portajavaAs(USER, noBus, "attach", "--user", "--backend", "native",
                directory.toString(), "--now");
        now.assertExit(3);
        assertTrue(now.err().startsWith("portajava: --now cannot start units: there is no user bus, so your service"
                + " manager cannot be reached ("), now.err());
        assertNothingOfHelloLeft();

        sid.portajavaAs(USER, noBus, "attach", "--user", "--backend", "native", directory.toString()).assertOk();

        assertEquals(portablectls, attachedTree(), "what the user's portabled writes, written without any bus");
        assertEquals(0, asUser("systemctl", "--user", "daemon-reload").getExitCode());
        assertEquals(0, asUser("systemctl", "--user", "start", "hello.service").getExitCode());
        assertHelloRuns();
        assertEquals(0, asUser("systemctl", "--user", "stop", "hello.service").getExitCode());
        sid.portajavaAs(USER, noBus, "detach", "--user", "--backend", "native", directory.toString()).assertOk();
        assertEquals(0, asUser("systemctl", "--user", "daemon-reload").getExitCode());
        assertNothingOfHelloLeft();
    }

    @Test
    void imageName_withUser_isTheOneInTheUsersImagePath_forBothBackends_asPortablectlUserFindsIt() throws IOException {
        sid();
        String portablectls = portablectlAttaches("hello_1.0");

        for (String backend : List.of("portabled", "native")) {
            portajava("attach", "--user", "--backend", backend, "hello_1.0", "--now").assertOk();

            assertEquals(portablectls, attachedTree(), backend + ": the same files as portablectl --user attach"
                    + " hello_1.0");
            assertHelloRuns();
            assertEquals("running", portajava("is-attached", "--user", "--backend", backend, "hello_1.0").assertOk()
                    .out().strip());

            portajava("detach", "--user", "--backend", backend, "hello_1.0", "--now").assertOk();

            assertNothingOfHelloLeft();
        }
    }

    @Test
    void inspectWithUser_readsTheImageInTheUsersImagePath_withItsUserUnits() throws IOException {
        sid();
        Portajava.Result inspected = portajava("inspect", "--user", "hello_1.0").assertOk();

        List<String> lines = inspected.out().lines().toList();
        assertEquals("    " + directory, lines.get(lines.indexOf("Image:") + 1), inspected.out());
        assertEquals(List.of("    hello.service"), lines.subList(lines.indexOf("Unit files:") + 1, lines.size()),
                inspected.out());
        ExecResult reference = asUser("portablectl", "--user", "inspect", "hello_1.0");
        assertEquals(0, reference.getExitCode(), reference.getStderr());
        assertTrue(reference.getStdout().contains(directory.toString()) && reference.getStdout().contains(
                "hello.service"), "portablectl --user finds the same image and unit: " + reference.getStdout());

        Portajava.Result system = portajava("inspect", "hello_1.0").assertExit(2);
        assertTrue(system.err().startsWith("portajava: hello_1.0: no such image;"), "without --user the name is"
                + " looked up in the system's image path: " + system.err());
    }

    @Test
    void rawImage_forTheUser_isAttached_orRefusedInOneLineNamingWhyTheKernelLetsNoUserMountIt() throws IOException {
        sid();
        Portajava.Result result = portajava("attach", "--user", raw.toString(), "--now");

        String nsresourced = sid.run("journalctl", "--no-pager", "-o", "cat", "-u", "systemd-nsresourced");
        if (nsresourced.contains("Proceeding with user namespace interfaces disabled")) {
            // this kernel refused nsresourced's BPF LSM program: no user mounts, on this machine
            assertTrue(nsresourced.contains("Failed to load BPF object: Operation not permitted")
                    || nsresourced.contains("bpf-lsm support not available"), nsresourced);
            result.assertExit(3);
            assertEquals(List.of("portajava: " + raw + ": a user's portabled cannot mount raw images on this host"
                    + " (Operation not supported): systemd-mountfsd mounts them through systemd-nsresourced, whose BPF"
                    + " LSM program this kernel did not load ('journalctl -u systemd-nsresourced' says why); attach an"
                    + " image directory of your own with --user, or the raw image system-wide, without --user"),
                    result.err().lines().toList());
            ExecResult reference = asUser("portablectl", "--user", "attach", raw.toString());
            assertEquals(1, reference.getExitCode(), "portablectl --user fails the same way");
            assertTrue(reference.getStderr().contains("AttachImage failed: Operation not supported"),
                    reference.getStderr());
        } else {
            result.assertOk();
            assertEquals("active", asUser("systemctl", "--user", "is-active", "hello.service").getStdout().strip());
            portajava("detach", "--user", raw.toString(), "--now").assertOk();
        }
        assertNothingOfHelloLeft();
    }

    @Test
    void rawImage_attachedNativelyForTheUser_getsTheRootImageDropIn_andUnsignedFailsToStart_asMountfsdRefusesIt()
            throws IOException {
        sid();
        // the user's portabled cannot even attach it on this kernel (the test above); portajava reads it itself
        portajava("attach", "--user", "--backend", "native", raw.toString()).assertOk();

        String dropIn = sid.run("cat", HOME + "/.config/systemd/user.attached/hello.service.d/20-portable.conf");
        assertTrue(dropIn.contains("\nRootImage=" + raw + "\n") && dropIn.contains("\nRootImagePolicy="), dropIn);
        assertEquals("L " + HOME + "/.config/portables/hello_1.0.raw -> " + raw, attachedTree().lines()
                .filter(line -> line.startsWith("L " + HOME + "/.config/portables/")).findFirst().orElse(""));
        asUser("systemctl", "--user", "start", "hello.service");
        String state = sid.run("sh", "-c", "for i in $(seq 20); do s=$(runuser -u " + USER + " -- env XDG_RUNTIME_DIR="
                + session.get("XDG_RUNTIME_DIR") + " systemctl --user is-active hello.service); [ \"$s\" = failed ]"
                + " && break; sleep 0.5; done; echo $s").strip();
        String journal = sid.run("sh", "-c", "journalctl --no-pager -o cat _SYSTEMD_USER_UNIT=hello.service"
                + " USER_UNIT=hello.service | tail -n 8");
        // the user's manager has systemd-mountfsd mount it, which mounts an unsigned image for a user only with
        // polkit's interactive authentication: this image is not signed
        assertEquals("failed", state, journal);
        assertTrue(journal.contains("Failed to issue io.systemd.MountFileSystem.MountImage() varlink call:"
                + " io.systemd.InteractiveAuthenticationRequired"), journal);

        portajava("detach", "--user", "--backend", "native", raw.toString(), "--now").assertOk();
        asUser("systemctl", "--user", "reset-failed", "hello.service");

        assertNothingOfHelloLeft();
    }

    @Test
    void systemImage_withUser_isRefusedAsBadInput_andNothingIsAttached() throws IOException {
        sid();
        Portajava.Result result = portajava("attach", "--user", systemImage.toString());

        result.assertExit(2);
        assertEquals("portajava: Image " + systemImage + " is built for the system scope (no PORTABLE_SCOPE= in its"
                + " os-release), not for a user's service manager (--user); build it with [image] scope = \"user\"",
                result.err().strip());
        assertNothingOfHelloLeft();
    }

    @Test
    void onSystemd257_userIsRefused_withOneLine() {
        SystemdContainer trixie = SystemdContainer.startNew(SystemdImage.TRIXIE);
        try {
            Map<String, String> env = loggedIn(trixie);
            Portajava.Result result = trixie.portajavaAs(USER, env, "list", "--user");

            result.assertExit(3);
            assertEquals("portajava: --user needs systemd 260 or later, whose portabled serves each user; this host"
                    + " runs systemd " + trixie.run("sh", "-c", "systemctl --version | sed -n '1s/^systemd \\([0-9]*\\).*/\\1/p'")
                    .strip(), result.err().strip());
        } finally {
            trixie.stop();
        }
    }
}
