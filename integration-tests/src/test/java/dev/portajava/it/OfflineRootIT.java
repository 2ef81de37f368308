package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code --root}: attach into a root tree that is not running (the systemd image's file system, exported), then boot
 * that tree as a systemd container: the service starts at boot, from the path the image has inside the tree. Before
 * the boot it is reattached to a version built outside the tree and shipped into it ({@code --image-path}).
 */
class OfflineRootIT {

    private static final String BOOTED = "pj-systemd-offline-root:it";

    @TempDir
    static Path work;

    private static Path root;

    @BeforeAll
    static void exportRoot() throws Exception {
        SystemdContainer.shared(); // skips or fails the class, like the others, without a Docker engine
        root = Files.createDirectories(work.resolve("rootfs"));
        String id = shell("docker create " + SystemdContainer.IMAGE.asCanonicalNameString()).strip();
        try {
            shell("docker export " + id + " | tar -x -C " + root);
        } finally {
            shell("docker rm -f " + id);
        }
    }

    @AfterAll
    static void removeImage() throws Exception {
        shell("docker rmi -f " + BOOTED + " >/dev/null 2>&1 || true");
        if (root != null) {
            shell("rm -rf --one-file-system " + root);
        }
    }

    @Test
    void attachIntoRoot_thenBootIt_theServiceStarts() throws Exception {
        Portajava portajava = new Portajava("unix:path=/nonexistent/no-bus-is-used");
        Path image = root.resolve("var/lib/portables/hello_1.0");
        portajava.run("build", Portajava.SAMPLES.resolve("hello").toString(), "-o", image.toString()).assertOk();

        Portajava.Result attach = portajava.run("--verbose", "attach", "--root", root.toString(), image.toString(),
                "--profile", "strict", "--enable").assertOk();

        assertTrue(attach.err().contains("backend: native, into the root"), attach.err());
        Path attached = root.resolve("etc/systemd/system.attached");
        String dropIn = Files.readString(attached.resolve("hello.service.d/20-portable.conf"));
        assertTrue(dropIn.startsWith("# Drop-in created for image '/var/lib/portables/hello_1.0', do not edit.\n"), dropIn);
        assertTrue(dropIn.contains("RootDirectory=/var/lib/portables/hello_1.0\n"), dropIn);
        assertEquals(Path.of("/usr/lib/systemd/portable/profile/strict/service.conf"),
                Files.readSymbolicLink(attached.resolve("hello.service.d/10-profile.conf")));
        assertEquals(Path.of("/var/lib/portables/hello_1.0"), Files.readSymbolicLink(root.resolve("etc/portables/hello_1.0")));
        assertEquals(Path.of("/etc/systemd/system.attached/hello.service"),
                Files.readSymbolicLink(attached.resolve("multi-user.target.wants/hello.service")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/hello.service"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS), "linked where portablectl's --enable links it only");
        assertEquals("enabled", portajava.run("is-attached", "--root", root.toString(), "hello_1.0").assertOk().out().strip());
        assertTrue(portajava.run("list", "--root", root.toString()).assertOk().out().contains("hello_1.0"));

        // version 2 is built here and shipped into the tree as /var/lib/portables/hello_2.0: reattach and detach
        // find the attached image by that path, not by the name of the directory it was read from here
        Path built = work.resolve("out");
        portajava.run("build", Portajava.SAMPLES.resolve("hello").toString(), "-o", built.toString()).assertOk();
        shell("cp -a " + built + " " + root.resolve("var/lib/portables/hello_2.0"));
        Portajava.Result reattach = portajava.run("reattach", "--root", root.toString(), built.toString(),
                "--image-path", "/var/lib/portables/hello_2.0", "--profile", "strict", "--enable").assertOk();
        assertTrue(reattach.out().contains("Removed " + root.resolve("etc/portables/hello_1.0") + "."), reattach.out());
        assertTrue(Files.readString(attached.resolve("hello.service.d/20-portable.conf"))
                .contains("RootDirectory=/var/lib/portables/hello_2.0\n"));

        shell("tar -C " + root + " -c . | docker import -c 'CMD [\"/lib/systemd/systemd\"]' -c 'ENV container=docker' - "
                + BOOTED + " >/dev/null");
        SystemdContainer booted = SystemdContainer.startNew(DockerImageName.parse(BOOTED));
        try {
            String state = "";
            for (int i = 0; i < 50 && !state.equals("running"); i++) {
                state = booted.unitProperty("hello.service", "SubState");
                Thread.sleep(100);
            }
            assertEquals("running", state, booted.journal("hello.service"));
            assertEquals("4", booted.unitProperty("hello.service", "TasksMax"), "the strict profile is in force");
            assertTrue(booted.journal("hello.service").contains("hello from a portable service"));
            assertEquals("running", booted.run("portablectl", "is-attached", "hello_2.0").strip());
        } finally {
            booted.stop();
        }

        portajava.run("detach", "--root", root.toString(), built.toString(), "--image-path",
                "/var/lib/portables/hello_2.0", "--enable").assertOk();
        assertFalse(Files.exists(attached));
        assertEquals(List.of(), List.of(root.resolve("etc/portables").toFile().list()), "no link of either version");
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/hello.service"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
        portajava.run("attach", "--root", root.toString(), image.toString(), "--now").assertExit(2);
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }
}
