package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags of systemd 256's portablectl: --copy mixed, detach --clean, and versioned NAME.v/ directories. */
class NewerSystemdCommandTest {

    private final FakeHost host = new FakeHost();

    @Test
    void attach_copyMixedOnSystemd252_exits3WithOneLine_andAttachesNothing(@TempDir Path dir) throws Exception {
        Path image = TestImages.hello(dir, "hello_1");

        Cli cli = Cli.run(host, "attach", image.toString(), "--copy", "mixed");

        assertEquals(3, cli.code(), cli.err());
        assertEquals("portajava: --copy mixed needs systemd 256 or later; this host runs systemd 252 (use --copy auto,"
                + " copy or symlink)", cli.errLine());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
        assertEquals("", cli.out());
    }

    @Test
    void reattach_copyMixedOnSystemd252_exits3() throws Exception {
        Cli cli = Cli.run(host, "reattach", "/srv/hello.raw", "--copy", "mixed");

        assertEquals(3, cli.code(), cli.err());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("reattachImage")), host.calls::toString);
    }

    @Test
    void attach_copyMixedOnSystemd257_isPassedOn(@TempDir Path dir) throws Exception {
        host.version = "257.13-1";
        Path image = TestImages.hello(dir, "hello_1");

        Cli cli = Cli.run(host, "attach", image.toString(), "--copy", "mixed");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("attachImage " + image + " default"), host.calls::toString);
    }

    @Test
    void detach_clean_cleansTheStoppedUnits_andSaysSystemd252sPortablectlCouldNot(@TempDir Path dir) throws Exception {
        Path image = TestImages.hello(dir, "hello_1");

        Cli cli = Cli.run(host, "detach", image.toString(), "--now", "--clean");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("stop hello.service", "clean hello.service [all]", "detachImage " + image, "reload",
                "close"), host.calls.subList(host.calls.indexOf("stop hello.service"), host.calls.size()));
        assertTrue(cli.out().contains("Cleaned hello.service: its configuration, state, cache, logs and runtime data"
                + " are removed."), cli.out());
        assertTrue(cli.out().contains("(systemd 252's portablectl has no --clean; portajava removed the data itself,"
                + " through systemd's CleanUnit.)"), cli.out());
    }

    @Test
    void detach_cleanWithRoot_isRefusedAsUsage(@TempDir Path dir) {
        Cli cli = Cli.run(host, "detach", "/srv/hello.raw", "--clean", "--root", dir.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: --clean cannot clean units in a root tree that is not running (--root)", cli.errLine());
    }

    @Test
    void attach_versionedDirectory_attachesItsNewestImage_andVerboseSaysWhich(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("hello.v"));
        TestImages.hello(versions, "hello_1.9");
        Path newest = TestImages.hello(versions, "hello_1.10");
        TestImages.hello(versions, "hello_1.2");

        Cli cli = Cli.run(host, "--verbose", "attach", versions + "/");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("attachImage " + newest.toRealPath() + " default"), host.calls::toString);
        assertTrue(cli.err().contains("image: " + newest.toRealPath() + ", the newest in " + versions), cli.err());
    }

    @Test
    void attach_emptyVersionedDirectory_exits2WithOneLine(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("hello.v"));

        Cli cli = Cli.run(host, "attach", versions.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + versions + ": no image in this versioned directory (systemd.v(7): hello_VERSION.raw"
                + " or a directory hello_VERSION)", cli.errLine());
        assertEquals(List.of(), host.calls);
    }
}
