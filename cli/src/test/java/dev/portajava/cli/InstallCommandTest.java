package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.feed.FeedKey;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install} and {@code uninstall} from a signed feed into a root tree, with no bus: the native backend. */
class InstallCommandTest {

    @TempDir
    Path work;

    private Path root;
    private Path feed;
    private Path publicKey;

    @BeforeEach
    void aSignedFeed() throws Exception {
        root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path secret = work.resolve("feed.asc");
        publicKey = work.resolve("feed.gpg");
        FeedKey.generate(secret, publicKey, "Feed <feed@example.org>", Optional.empty());
        Path tree = TestImages.directory(Files.createDirectories(work.resolve("tree")), "hello", "ID=debian\n"
                + "IMAGE_VERSION=1.0\nPORTABLE_PREFIXES=hello\n", "hello.service");
        Files.writeString(tree.resolve("usr/lib/systemd/system/hello.service"),
                "\n[Install]\nWantedBy=multi-user.target\n", StandardOpenOption.APPEND);
        Path image = work.resolve("hello_1.0.raw");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);
        feed = work.resolve("feed");
        Cli publish = Cli.runWithoutBus("publish", image.toString(), "--to", feed.toString(), "--key",
                secret.toString(), "--profile", "strict");
        assertEquals(0, publish.code(), publish.err());
    }

    @Test
    void install_verifiesDownloadsAndAttachesEnabled_withTheFeedsProfile_andUninstallLeavesNothing() {
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toUri().toString(), "--key",
                publicKey.toString(), "--root", root.toString());

        assertEquals(0, install.code(), install.err());
        assertTrue(install.out().contains("Installed hello 1.0 from " + feed.toUri() + " ("
                + root.resolve("var/lib/portables/hello_1.0.raw") + ", profile strict)."), install.out());
        assertTrue(Files.isRegularFile(root.resolve("var/lib/portables/hello_1.0.raw")));
        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/hello.service")));
        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/multi-user.target.wants/hello.service"),
                LinkOption.NOFOLLOW_LINKS), "enabled");

        Cli uninstall = Cli.runWithoutBus("uninstall", "hello", "--root", root.toString());

        assertEquals(0, uninstall.code(), uninstall.err());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        assertFalse(Files.exists(root.resolve("var/lib/portables/hello_1.0.raw")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/hello.service"),
                LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void install_fromAFeedWhoseImageWasChanged_exits2_andLeavesNothing() throws Exception {
        Files.write(feed.resolve("hello_1.0.raw"), new byte[] {1}, StandardOpenOption.APPEND);

        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toUri().toString(), "--key",
                publicKey.toString(), "--root", root.toString());

        assertEquals(2, install.code(), install.out());
        assertTrue(install.errLine().endsWith("the file was changed"), install.err());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        assertFalse(Files.exists(root.resolve("var")), "no image, no partial download, no directory made for them");
    }

    @Test
    void install_overAnotherImageOfTheSameFileName_exits2_andLeavesItAsItWas() throws Exception {
        Path mine = Files.createDirectories(root.resolve("var/lib/portables")).resolve("hello_1.0.raw");
        Files.writeString(mine, "an image built here, maybe attached");

        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key",
                publicKey.toString(), "--root", root.toString());

        assertEquals(2, install.code(), install.out());
        assertEquals("portajava: " + mine + " is already there and is not hello 1.0 of " + feed.toUri()
                + " (its SHA-256 differs from the signed one); a service may be attached to it: detach it and move"
                + " it away first", install.errLine());
        assertEquals("an image built here, maybe attached", Files.readString(mine));
        try (var left = Files.list(mine.getParent())) {
            assertEquals(List.of(mine), left.toList(), "no download beside it");
        }
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }

    @Test
    void install_ofAnImageThatIsThereAlready_attachesIt_andUninstallRemovesIt() throws Exception {
        Path image = Files.createDirectories(root.resolve("var/lib/portables")).resolve("hello_1.0.raw");
        Files.copy(feed.resolve("hello_1.0.raw"), image);

        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key",
                publicKey.toString(), "--root", root.toString());

        assertEquals(0, install.code(), install.err());
        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/hello.service")));
        assertEquals(0, Cli.runWithoutBus("uninstall", "hello", "--root", root.toString()).code());
        assertFalse(Files.exists(image));
    }

    @Test
    void uninstall_removesTheVersionsTheFeedGave_andKeepsImagesOfTheNameInstallDidNotPutThere() throws Exception {
        assertEquals(0, Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key",
                publicKey.toString(), "--root", root.toString()).code());
        Path mine = root.resolve("var/lib/portables/hello.raw");
        Files.writeString(mine, "an image built here");
        Path older = root.resolve("var/lib/portables/hello_0.9.raw");
        Files.writeString(older, "an image of an older version, built here");

        Cli uninstall = Cli.runWithoutBus("uninstall", "hello", "--root", root.toString());

        assertEquals(0, uninstall.code(), uninstall.err());
        assertTrue(uninstall.out().contains("Removed " + root.resolve("var/lib/portables/hello_1.0.raw") + ".\n"),
                uninstall.out());
        assertFalse(uninstall.out().contains("hello_0.9.raw"), uninstall.out());
        assertFalse(Files.exists(root.resolve("var/lib/portables/hello_1.0.raw")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        assertEquals("an image built here", Files.readString(mine));
        assertEquals("an image of an older version, built here", Files.readString(older));
    }

    @Test
    void uninstall_ofAServiceNotInstalledFromAFeed_exits2_andRemovesNothing() throws Exception {
        Path mine = Files.createDirectories(root.resolve("var/lib/portables")).resolve("hello_2.0.raw");
        Files.writeString(mine, "an image copied here by hand");

        Cli uninstall = Cli.runWithoutBus("uninstall", "hello", "--root", root.toString());

        assertEquals(2, uninstall.code(), uninstall.out());
        assertTrue(uninstall.errLine().startsWith("portajava: hello was not installed by 'portajava install'"),
                uninstall.err());
        assertTrue(Files.exists(mine));
    }

    @Test
    void install_update_andUninstall_ofANameThatIsNoImageName_exit2() {
        for (List<String> args : List.of(List.of("install", "../../etc/x", "--feed", feed.toString()),
                List.of("update", "../../etc/x"), List.of("uninstall", "../../etc/x"))) {
            List<String> all = new java.util.ArrayList<>(args);
            all.addAll(List.of("--root", root.toString()));
            Cli cli = Cli.runWithoutBus(all.toArray(String[]::new));

            assertEquals(2, cli.code(), cli.err());
            assertTrue(cli.err().contains("'../../etc/x' is not a valid image name"), cli.err());
        }
    }

    @Test
    void install_intoARootTreeWithoutSystemd_exits2_andLeavesNoDirectoryBehind() throws Exception {
        Path bare = Files.createDirectories(work.resolve("bare"));

        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key",
                publicKey.toString(), "--root", bare.toString());

        assertEquals(2, install.code(), install.err());
        assertTrue(install.errLine().startsWith("portajava: cannot find systemd in " + bare), install.err());
        try (var left = Files.list(bare)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void install_fromAFeedWhoseSumsWereChanged_exits2_sayingTheSignatureIsBad() throws Exception {
        Files.writeString(feed.resolve("SHA256SUMS"), "0".repeat(64) + "  extra.raw\n", StandardOpenOption.APPEND);

        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toUri().toString(), "--key",
                publicKey.toString(), "--root", root.toString());

        assertEquals(2, install.code());
        assertTrue(install.errLine().contains("SHA256SUMS: BAD signature by key"), install.err());
    }

    @Test
    void install_withoutAKey_exits2_sayingWhereKeysGo() {
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toUri().toString(), "--root",
                root.toString());

        assertEquals(2, install.code());
        assertEquals("portajava: no key to check the feed's signature with: give --key, or put the feed's public key"
                + " into /etc/portajava/keys/", install.errLine());
    }

    @Test
    void install_fromAFeedGivenAsADirectoryPath_installsFromThatDirectory() throws Exception {
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", feed.toString(), "--key", publicKey.toString(),
                "--root", root.toString());

        assertEquals(0, install.code(), install.err());
        assertTrue(install.out().contains("Installed hello 1.0 from " + feed.toUri() + " ("), install.out());
        assertTrue(Files.isRegularFile(root.resolve("var/lib/portables/hello_1.0.raw")));
        assertTrue(Files.readString(root.resolve("var/lib/portajava/installed/hello.json"))
                .contains("\"feed\" : \"" + feed.toUri() + "\""), "update follows the directory, as file://");
    }

    @Test
    void install_fromAFeedGivenAsARelativePath_installsFromThatDirectory() throws Exception {
        CliProcess install = CliProcess.run(work, Map.of(), "install", "hello", "--feed", "feed", "--key", "feed.gpg",
                "--root", "root");

        assertEquals(0, install.code(), install.err());
        assertTrue(install.out().contains("Installed hello 1.0 from " + feed.toUri() + " ("), install.out());
        assertTrue(Files.isRegularFile(root.resolve("var/lib/portables/hello_1.0.raw")));
    }

    @Test
    void install_fromAnAddressOfAnotherScheme_exits2_namingIt_andInstallsNothing() {
        assertRefused("ftp://feed.example.org/", "");
    }

    @Test
    void install_fromAMalformedAddress_exits2_namingIt_andInstallsNothing() {
        assertRefused("http://[feed.example.org/", " (not a URI: Expected closing bracket for IPv6 address)");
    }

    @Test
    void install_fromAnHttpAddressWithoutHost_exits2_namingIt() {
        assertRefused("https:///portables/", " (it names no host)");
    }

    private void assertRefused(String address, String why) {
        Cli install = Cli.runWithoutBus("install", "hello", "--feed", address, "--key", publicKey.toString(), "--root",
                root.toString());

        assertEquals(2, install.code(), install.err());
        assertEquals(List.of("portajava: Invalid value for option '--feed': '" + address + "' is not a feed address"
                + why + "; a feed is a directory path, file://, http:// or https://",
                "Try 'portajava install --help' for more information."), install.err().lines().toList());
        assertFalse(Files.exists(root.resolve("var/lib/portables")));
    }
}
