package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.feed.FeedKey;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update} of a service installed from a feed into a root tree (no bus, nothing running to watch). */
class UpdateCommandTest {

    @TempDir
    Path work;

    private Path root;
    private Path feed;
    private Path secret;
    private Path publicKey;

    @BeforeEach
    void installedFromASignedFeed() throws Exception {
        root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        secret = work.resolve("feed.asc");
        publicKey = work.resolve("feed.gpg");
        FeedKey.generate(secret, publicKey, "Feed <feed@example.org>", Optional.empty());
        feed = work.resolve("feed");
        publish("1.0");
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toUri().toString(), "--key",
                publicKey.toString(), "--root", root.toString());
        assertEquals(0, install.code(), install.err());
    }

    private void publish(String version) throws Exception {
        Path tree = TestImages.directory(Files.createTempDirectory(work, "tree"), "hello", "ID=debian\n"
                + "IMAGE_VERSION=" + version + "\nPORTABLE_PREFIXES=hello\n", "hello.service");
        Path image = work.resolve("hello_" + version + ".raw");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);
        Cli publish = Cli.runWithoutBus("publish", image.toString(), "--to", feed.toString(), "--key",
                secret.toString());
        assertEquals(0, publish.code(), publish.err());
    }

    private String attachedImage() throws Exception {
        return Files.readString(root.resolve("etc/systemd/system.attached/hello.service.d/20-portable.conf"))
                .lines().filter(l -> l.startsWith("RootImage=")).findFirst().orElseThrow();
    }

    @Test
    void update_whenTheFeedHasNothingNewer_saysSo_andDownloadsNothing() throws Exception {
        Cli update = Cli.runWithoutBus("update", "--root", root.toString());

        assertEquals(0, update.code(), update.err());
        assertEquals("hello 1.0 is up to date.", update.out().strip());
        try (var files = Files.list(root.resolve("var/lib/portables"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void update_attachesTheNewestVersion_keepsThePreviousOne_andDropsOlderOnes() throws Exception {
        publish("1.10");
        publish("1.9");
        // the oldest version in the directory, but not one the feed gave: it is not update's to drop
        Path mine = root.resolve("var/lib/portables/hello_0.5.raw");
        Files.writeString(mine, "an image built here");

        Cli dryRun = Cli.runWithoutBus("update", "hello", "--dry-run", "--root", root.toString());
        assertEquals("hello 1.0 would be updated to 1.10.", dryRun.out().strip());
        assertEquals("RootImage=/var/lib/portables/hello_1.0.raw", attachedImage());

        Cli update = Cli.runWithoutBus("update", "hello", "--root", root.toString());

        assertEquals(0, update.code(), update.err());
        assertEquals("hello updated from 1.0 to 1.10 in " + root + " (a root tree: nothing was started).",
                update.out().strip());
        assertEquals("RootImage=/var/lib/portables/hello_1.10.raw", attachedImage());
        assertTrue(Files.exists(root.resolve("var/lib/portables/hello_1.0.raw")), "the previous one is kept");

        publish("2.0");
        assertEquals(0, Cli.runWithoutBus("update", "--root", root.toString()).code());
        assertEquals("RootImage=/var/lib/portables/hello_2.0.raw", attachedImage());
        assertFalse(Files.exists(root.resolve("var/lib/portables/hello_1.0.raw")), "--keep 2: the oldest goes");
        assertTrue(Files.exists(root.resolve("var/lib/portables/hello_1.10.raw")));
        assertEquals("hello 2.0 is up to date.", Cli.runWithoutBus("update", "--root", root.toString()).out().strip());
        assertEquals("an image built here", Files.readString(mine));

        Cli uninstall = Cli.runWithoutBus("uninstall", "hello", "--root", root.toString());
        assertEquals(0, uninstall.code(), uninstall.err());
        assertFalse(Files.exists(root.resolve("var/lib/portables/hello_1.10.raw")));
        assertFalse(Files.exists(root.resolve("var/lib/portables/hello_2.0.raw")));
        assertEquals("an image built here", Files.readString(mine));
    }

    @Test
    void update_toAVersionWhoseFileIsThereWithOtherBytes_exits2_andLeavesItAndTheAttachedVersion() throws Exception {
        publish("1.1");
        Path mine = root.resolve("var/lib/portables/hello_1.1.raw");
        Files.writeString(mine, "an image built here");

        Cli update = Cli.runWithoutBus("update", "hello", "--root", root.toString());

        assertEquals(2, update.code(), update.out());
        assertTrue(update.err().contains(mine + " is already there and is not hello 1.1 of "), update.err());
        assertEquals("an image built here", Files.readString(mine));
        assertEquals("RootImage=/var/lib/portables/hello_1.0.raw", attachedImage());
    }

    @Test
    void update_toAVersionThatIsThereAlready_attachesIt() throws Exception {
        publish("1.1");
        Files.copy(feed.resolve("hello_1.1.raw"), root.resolve("var/lib/portables/hello_1.1.raw"));

        Cli update = Cli.runWithoutBus("update", "hello", "--root", root.toString());

        assertEquals(0, update.code(), update.err());
        assertEquals("RootImage=/var/lib/portables/hello_1.1.raw", attachedImage());
    }

    @Test
    void update_ofAServiceNotInstalledFromAFeed_exits2() {
        Cli update = Cli.runWithoutBus("update", "other", "--root", root.toString());

        assertEquals(2, update.code());
        assertEquals("portajava: other was not installed from a feed ('portajava install NAME --feed URL' does that)",
                update.errLine());
    }

    @Test
    void update_withASettleTimeThatIsNone_exits2_andUpdatesNothing() throws Exception {
        publish("2.0");

        Cli update = Cli.runWithoutBus("update", "hello", "--settle", "5 seconds", "--root", root.toString());

        assertEquals(2, update.code());
        assertEquals(List.of("portajava: Invalid value for option '--settle': '5 seconds' is not a time such as 10s,"
                + " 500ms or 2min",
                "Try 'portajava update --help' for more information."), update.err().lines().toList());
        assertEquals("RootImage=/var/lib/portables/hello_1.0.raw", attachedImage());
    }

    @Test
    void update_ofAServiceInstalledFromADirectoryPath_followsThatDirectory() throws Exception {
        assertEquals(0, Cli.runWithoutBus("uninstall", "hello", "--root", root.toString()).code());
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key", publicKey.toString(),
                "--root", root.toString());
        assertEquals(0, install.code(), install.err());
        publish("2.0");

        Cli update = Cli.runWithoutBus("update", "hello", "--root", root.toString());

        assertEquals(0, update.code(), update.err());
        assertEquals("hello updated from 1.0 to 2.0 in " + root + " (a root tree: nothing was started).",
                update.out().strip());
        assertEquals("RootImage=/var/lib/portables/hello_2.0.raw", attachedImage());
    }

    @Test
    void update_whenTheRecordNamesNoFeedAddress_exits2_namingTheRecordAndTheAddress() throws Exception {
        Path record = root.resolve("var/lib/portajava/installed/hello.json");
        Files.writeString(record, Files.readString(record).replace(feed.toUri().toString(), "ftp://feed.example.org/"));

        Cli update = Cli.runWithoutBus("update", "hello", "--root", root.toString());

        assertEquals(2, update.code(), update.err());
        assertEquals("portajava: " + record + ": 'ftp://feed.example.org/' is not a feed address; a feed is a"
                + " directory path, file://, http:// or https://", update.errLine());
        assertEquals("RootImage=/var/lib/portables/hello_1.0.raw", attachedImage());
    }
}
