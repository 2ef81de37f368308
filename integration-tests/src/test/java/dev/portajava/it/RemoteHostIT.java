package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -H}: the systemd 252 container is a remote host, reached from this machine with the system's ssh and key
 * authentication. Its sshd is real but needs no network (the containers have none): ssh's {@code ProxyCommand} runs
 * {@code sshd -i} in the container through {@code docker exec}, speaking the protocol over that command's standard
 * input and output. portajava finds ssh through {@code SYSTEMD_SSH}, a script that points ssh at the test's config;
 * the local system bus is set to a socket that does not exist, so everything must go over ssh. Images are built here,
 * outside the container, and copied there by attach and reattach.
 */
class RemoteHostIT {

    private static final String HOST = "root@portable-host";

    private static SystemdContainer systemd;
    private static Portajava remote;

    @TempDir
    static Path work;

    @BeforeAll
    static void sshIntoTheContainer() throws Exception {
        systemd = SystemdContainer.shared();
        Path key = work.resolve("id_ed25519");
        Path other = work.resolve("other_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "portajava-test", "-f", key.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "not-authorised", "-f", other.toString());
        Files.copy(key.resolveSibling("id_ed25519.pub"), systemd.imagesDir().resolve("authorized_keys"));
        systemd.run("sh", "-c", "mkdir -p -m 0700 /root/.ssh /run/sshd && install -m 0600 " + systemd.imagesDir()
                + "/authorized_keys /root/.ssh/authorized_keys");
        Files.delete(systemd.imagesDir().resolve("authorized_keys"));
        String proxy = "ProxyCommand docker exec -i " + systemd.getContainerId() + " /usr/sbin/sshd -i\n";
        String common = "  BatchMode yes\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n"
                + "  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  " + proxy;
        Path config = work.resolve("ssh_config");
        Files.writeString(config, "Host portable-host\n  IdentityFile " + key + "\n" + common
                + "Host stranger\n  IdentityFile " + other + "\n" + common);
        Path ssh = work.resolve("ssh");
        Files.writeString(ssh, "#!/bin/sh\nexec ssh -F '" + config + "' \"$@\"\n");
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        remote = Portajava.against(systemd).withEnvironment(Map.of("SYSTEMD_SSH", ssh.toString(),
                "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + work.resolve("no-local-bus")));
    }

    @AfterAll
    static void removeTheKey() {
        if (systemd != null) {
            systemd.run("rm", "-rf", "/root/.ssh/authorized_keys", "/var/lib/portables/hello_1.raw",
                    "/var/lib/portables/hello_2.raw", "/var/lib/portajava/copies");
        }
    }

    @Test
    void attachStartUpdateDetach_onARemoteHost_overSsh() throws Exception {
        Path v1 = build("1.0", "hello_1.raw");
        Path v2 = build("2.0", "hello_2.raw");
        try {
            long logins = logins();
            Portajava.Result attach = remote.run("--verbose", "attach", "-H", HOST, v1.toString(), "--now")
                    .assertOk();

            assertEquals(logins + 1, logins(), "the copy and the bus share one ssh connection");

            assertTrue(attach.err().contains("backend: portabled on " + HOST + ", over ssh"), attach.err());
            assertTrue(attach.err().contains("image: copied " + v1 + " to " + HOST + ":/var/lib/portables/hello_1.raw"),
                    attach.err());
            assertTrue(attach.out().contains("Started hello.service (active/running)."), attach.out());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"));
            assertEquals("644", systemd.run("stat", "-c", "%a", "/var/lib/portables/hello_1.raw").strip());
            assertEquals("[hello_1.raw]", List.of(systemd.run("ls", "-A", "/var/lib/portables").strip()
                    .split("\n")).toString(), "nothing half-written is left beside the image");
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=/var/lib/portables/hello_1.raw\n"));
            assertEquals("/var/lib/portables/hello_1.raw", systemd.run("readlink", "/etc/portables/hello_1.raw")
                    .strip());
            remote.run("is-attached", "-H", HOST, v1.toString()).assertOk();
            assertTrue(remote.run("list", "-H", HOST).assertOk().out().contains("hello_1"));
            Portajava.Result inspect = remote.run("inspect", "-H", HOST, "hello_1").assertOk();
            // the host's portabled found the name through the link attach made there: nothing here is named so
            assertTrue(inspect.out().contains("/etc/portables/hello_1.raw"), inspect.out());
            assertTrue(inspect.out().contains("Hello, a portable service that counts its starts"), inspect.out());
            assertTrue(inspect.out().contains("hello.service"), inspect.out());

            String inode = systemd.run("stat", "-c", "%i", "/var/lib/portables/hello_1.raw");
            Portajava.Result again = remote.run("--verbose", "reattach", "-H", HOST, v1.toString()).assertOk();
            assertTrue(again.err().contains("image: the same " + HOST + ":/var/lib/portables/hello_1.raw is there"
                    + " already"), again.err());
            assertEquals(inode, systemd.run("stat", "-c", "%i", "/var/lib/portables/hello_1.raw"),
                    "an image already there is not copied again");

            // another image of the same file name is not copied over the one the running unit uses
            Path impostor = Files.createDirectories(v2.resolveSibling("impostor")).resolve("hello_1.raw");
            Files.copy(v2, impostor);
            Portajava.Result replaced = remote.run("reattach", "-H", HOST, impostor.toString());
            replaced.assertExit(1);
            assertEquals("portajava: " + HOST + ":/var/lib/portables/hello_1.raw holds another image, which a unit"
                    + " attached there runs from; detach it first, or give this image another file name"
                    + " (NAME_VERSION.raw)", replaced.err().strip());
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"));

            // an attach the host refuses (its unit is there) takes the copy it made away again
            Portajava.Result refused = remote.run("--verbose", "attach", "-H", HOST, v2.toString());
            refused.assertExit(1);
            assertTrue(refused.err().contains("image: removed " + HOST + ":/var/lib/portables/hello_2.raw again"),
                    refused.err());
            assertFalse(systemd.exists("/var/lib/portables/hello_2.raw"));
            assertFalse(systemd.exists("/var/lib/portajava/copies/hello_2.raw"), "its record goes with it");
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"), "the attached one stays");

            Portajava.Result update = remote.run("--verbose", "reattach", "-H", HOST, v2.toString(), "--now")
                    .assertOk();

            assertTrue(update.err().contains("image: copied " + v2), update.err());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=/var/lib/portables/hello_2.raw\n"));
            assertEquals(Sha256.hex(v2), remoteSum("/var/lib/portables/hello_2.raw"));
            assertTrue(systemd.unitProperty("hello.service", "Environment").contains("PORTABLE=hello_2.raw"));
            assertTrue(systemd.journal("hello.service").contains("start number 2"), systemd.journal("hello.service"));
            // the copy of the version it replaced goes: attach made it, and no unit runs from it any more
            assertTrue(update.err().contains("image: removed " + HOST + ":/var/lib/portables/hello_1.raw, a copy of"
                    + " a version this replaced"), update.err());
            assertTrue(update.out().contains("Removed /var/lib/portables/hello_1.raw."), update.out());
            assertFalse(systemd.exists("/var/lib/portables/hello_1.raw"));

            remote.run("is-attached", "-H", HOST, "hello_2").assertOk();
            Portajava.Result detach = remote.run("detach", "-H", HOST, v2.toString(), "--now").assertOk();

            assertFalse(systemd.exists("/etc/systemd/system.attached/hello.service"));
            assertFalse(systemd.exists("/etc/portables/hello_2.raw"));
            assertEquals("inactive", systemd.unitProperty("hello.service", "ActiveState"));
            // the copy attach made goes with it: it held the bytes of the image here
            assertTrue(detach.out().contains("Removed /var/lib/portables/hello_2.raw."), detach.out());
            assertFalse(systemd.exists("/var/lib/portables/hello_2.raw"));
            assertEquals("", systemd.run("ls", "-A", "/var/lib/portables").strip());
            assertFalse(systemd.exists("/var/lib/portajava/copies"), "the copies' records go with the last of them");

            // detached by the name the host knows it by, the copy attach made goes just the same
            remote.run("attach", "-H", HOST, v1.toString()).assertOk();
            Portajava.Result byName = remote.run("detach", "-H", HOST, "hello_1").assertOk();
            assertTrue(byName.out().contains("Removed /var/lib/portables/hello_1.raw."), byName.out());
            assertFalse(systemd.exists("/var/lib/portables/hello_1.raw"));
            assertFalse(systemd.exists("/var/lib/portajava/copies"));

            // a file there that attach did not copy, and that does not hold the bytes of the image given here,
            // stays, after a detach, an attach of another image of its file name, and a reattach
            Files.copy(v1, systemd.imagesDir().resolve("hello_1.raw"));
            systemd.run("cp", systemd.imagesDir() + "/hello_1.raw", "/var/lib/portables/hello_1.raw");
            systemd.run("portablectl", "attach", "hello_1");
            Portajava.Result other = remote.run("detach", "-H", HOST, impostor.toString()).assertOk();
            assertFalse(other.out().contains("Removed /var/lib/portables/hello_1.raw."), other.out());
            assertFalse(systemd.exists("/etc/systemd/system.attached/hello.service"));
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"));
            Portajava.Result foreign = remote.run("attach", "-H", HOST, impostor.toString());
            foreign.assertExit(1);
            assertEquals("portajava: " + HOST + ":/var/lib/portables/hello_1.raw holds another image, which portajava"
                    + " did not copy there; remove it there first, or give this image another file name"
                    + " (NAME_VERSION.raw)", foreign.err().strip());
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"), "nor is it copied over");
            systemd.run("portablectl", "attach", "hello_1");
            Portajava.Result replacing = remote.run("reattach", "-H", HOST, v2.toString()).assertOk();
            assertFalse(replacing.out().contains("Removed /var/lib/portables/hello_1.raw."), replacing.out());
            assertEquals(Sha256.hex(v1), remoteSum("/var/lib/portables/hello_1.raw"));
            remote.run("detach", "-H", HOST, v2.toString()).assertOk();
            assertEquals("[hello_1.raw]", List.of(systemd.run("ls", "-A", "/var/lib/portables").strip()
                    .split("\n")).toString());
        } finally {
            Files.deleteIfExists(systemd.imagesDir().resolve("hello_1.raw"));
            systemd.exec("portablectl", "detach", "--now", "hello_2");
            systemd.exec("portablectl", "detach", "--now", "hello_1");
        }
    }

    @Test
    void refusals_areOneLineWithTheEnvironmentExitCode() throws Exception {
        Portajava.Result stranger = remote.run("list", "-H", "root@stranger").assertExit(3);
        assertTrue(stranger.err().startsWith("portajava: cannot reach root@stranger over ssh: root@stranger:"
                + " Permission denied (publickey"), stranger.err());
        assertEquals(1, stranger.err().strip().lines().count(), stranger.err());

        Portajava.Result unknown = remote.run("list", "-H", "nowhere.invalid").assertExit(3);
        assertTrue(unknown.err().startsWith("portajava: cannot reach nowhere.invalid over ssh: ssh: Could not"
                + " resolve hostname nowhere.invalid"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

        systemd.run("mv", "/usr/bin/systemd-stdio-bridge", "/usr/bin/systemd-stdio-bridge.hidden");
        try {
            Portajava.Result noBridge = remote.run("list", "-H", HOST).assertExit(3);
            assertTrue(noBridge.err().startsWith("portajava: " + HOST + " has no systemd-stdio-bridge"),
                    noBridge.err());
            assertEquals(1, noBridge.err().strip().lines().count(), noBridge.err());
        } finally {
            systemd.run("mv", "/usr/bin/systemd-stdio-bridge.hidden", "/usr/bin/systemd-stdio-bridge");
        }

        Portajava.Result nativeBackend = remote.run("list", "-H", HOST, "--backend", "native").assertExit(2);
        assertTrue(nativeBackend.err().startsWith("portajava: -H works with portabled only"), nativeBackend.err());
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("portajava-ssh-"))
                    .toList(), "the ssh connection's private directory is removed");
        }
    }

    /** samples/hello as version {@code version}, built here into the test's directory. */
    private static Path build(String version, String fileName) throws IOException {
        Path spec = Files.createDirectories(work.resolve("hello-" + version));
        for (String file : List.of("hello.service", "hello.sh")) {
            Files.copy(Portajava.SAMPLES.resolve("hello").resolve(file), spec.resolve(file));
        }
        Files.writeString(spec.resolve("portable.toml"), Files.readString(Portajava.SAMPLES.resolve(
                "hello/portable.toml")).replace("1.0", version));
        Path image = work.resolve(fileName);
        Portajava.against(systemd).run("build", spec.toString(), "-o", image.toString()).assertOk();
        return image;
    }

    /** How many times sshd in the container let a key in, as its journal says. */
    private static long logins() {
        return systemd.run("journalctl", "--no-pager", "-o", "cat", "_COMM=sshd").lines()
                .filter(line -> line.startsWith("Accepted publickey for root")).count();
    }

    private static String remoteSum(String path) {
        return systemd.run("sha256sum", path).split(" ")[0];
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
