package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build into a file system too small for it, a real one (a tmpfs mounted in the container): exit 3, one line
 * naming the output, not the spec, and nothing left on that file system. An input that cannot be read is still the
 * input's fault: exit 2, naming it.
 */
class FullDiskIT {

    private static final String TINY = "/mnt/tiny";

    private static SystemdContainer systemd;

    private Path spec;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
    }

    /** A spec in the directory the container shares: busybox (2 MB) and 2.5 MB that do not compress. */
    @BeforeEach
    void spec() throws IOException {
        spec = Files.createTempDirectory(systemd.imagesDir(), "full-disk-");
        Files.copy(Path.of("/bin/busybox"), spec.resolve("busybox"));
        byte[] data = new byte[2_500_000];
        new Random(3).nextBytes(data);
        Files.createDirectories(spec.resolve("data"));
        Files.write(spec.resolve("data/big"), data);
        Files.writeString(spec.resolve("hello.service"), "[Service]\nExecStart=/usr/bin/busybox sleep 60\n");
        writeSpec("");
    }

    @AfterEach
    void unmount() {
        systemd.exec("umount", TINY);
        systemd.exec("rm", "-rf", spec.toString());
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"squashfs", "ddi"})
    void build_whenTheDiskFillsWhileWritingTheImage_exits3NamingTheOutput(String format) {
        mountTmpfs("2m");

        Portajava.Result result = systemd.portajava("build", spec.toString(), "-o", TINY + "/hello.raw",
                "--format", format);

        result.assertExit(3);
        String line = oneLine(result);
        assertTrue(line.startsWith("portajava: " + TINY + "/hello.raw: cannot write the "), line);
        assertTrue(line.endsWith(": No space left on device"), line);
        assertEquals("", systemd.run("ls", "-A", TINY), "nothing left on the full file system");
    }

    /** The image (about 3.6 MB) and its inputs (4.5 MB) do not fit in 5 MB together: only the image is written. */
    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"squashfs", "ddi"})
    void build_onAFileSystemWithRoomForTheImageOnly_succeeds(String format) {
        mountTmpfs("5m");

        Portajava.Result result = systemd.portajava("build", spec.toString(), "-o", TINY + "/hello.raw",
                "--format", format);

        result.assertExit(0);
        assertEquals("hello.raw", systemd.run("ls", "-A", TINY).strip(), "the image and nothing else");
    }

    @Test
    void build_whenAnInputCannotBeRead_exits2NamingTheInput() throws IOException {
        mountTmpfs("64m");
        writeSpec("""
                [[file]]
                from = "/proc/self/mem"
                to = "/etc/unreadable"
                mode = "0644"
                """);

        Portajava.Result result = systemd.portajava("build", spec.toString(), "-o", TINY + "/hello.raw");

        result.assertExit(2);
        String line = oneLine(result);
        assertTrue(line.startsWith("portajava: " + spec.resolve("portable.toml") + ": [[file]] to '/etc/unreadable': "
                + "cannot read /proc/self/mem: "), line);
        assertEquals("", systemd.run("ls", "-A", TINY), "nothing written");
    }

    private void writeSpec(String more) throws IOException {
        Files.writeString(spec.resolve("portable.toml"), """
                [image]
                name = "hello"
                version = "1"
                units = ["hello.service"]

                [[copy]]
                from = "data"
                to = "/srv/data"

                [[file]]
                from = "busybox"
                to = "/usr/bin/busybox"
                mode = "0755"
                """ + more);
    }

    private static void mountTmpfs(String size) {
        systemd.run("mkdir", "-p", TINY);
        systemd.run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", TINY);
    }

    private static String oneLine(Portajava.Result result) {
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
        return result.err().strip();
    }
}
