package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --root}: the whole command line against a root tree in a temporary directory, with no bus anywhere. */
class OfflineRootCommandTest {

    @TempDir
    Path root;

    private Path image() throws Exception {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path image = root.resolve("var/lib/portables/app_1");
        Files.createDirectories(image.resolve("usr/lib/systemd/system"));
        Files.writeString(image.resolve("usr/lib/os-release"), "ID=app\nPORTABLE_PREFIXES=app\n");
        Files.writeString(image.resolve("usr/lib/systemd/system/app.service"),
                "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n");
        return image;
    }

    @Test
    void attachListIsAttachedDetach_inARoot_workWithoutABus() throws Exception {
        Path image = image();

        Cli attach = Cli.runWithoutBus("--verbose", "attach", "--root", root.toString(), image.toString(), "--enable");

        assertEquals(0, attach.code(), attach.err());
        assertTrue(attach.err().contains("backend: native, into the root"), attach.err());
        assertTrue(Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"))
                .contains("RootDirectory=/var/lib/portables/app_1\n"));
        assertEquals(Path.of("/etc/systemd/system.attached/app.service"),
                Files.readSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/app.service")));
        assertEquals("enabled", Cli.runWithoutBus("is-attached", "--root", root.toString(), "app").out().strip());
        assertTrue(Cli.runWithoutBus("list", "--root", root.toString()).out().contains("app_1"));

        Cli detach = Cli.runWithoutBus("detach", "--root", root.toString(), "app_1", "--enable");

        assertEquals(0, detach.code(), detach.err());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        // a link left behind would point at /etc/systemd/system.attached/app.service of the root, not of this machine
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/app.service"),
                LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, Cli.runWithoutBus("is-attached", "--root", root.toString(), "app").code());
    }

    @Test
    void root_withNowOrWithThePortabledBackend_exits2() throws Exception {
        Path image = image();

        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.toString(), image.toString(), "--now").code());
        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.toString(), "--backend", "portabled",
                image.toString()).code());
        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.resolve("nope").toString(), image.toString()).code());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }
}
