package dev.portajava.feed;

import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Images and OpenPGP keys for the feed tests. */
final class TestFeeds {

    private TestFeeds() {
    }

    /** A raw image {@code dir/FILE} named {@code name}, at {@code version}, with one service. */
    static Path image(Path dir, String file, String name, String version) throws Exception {
        return image(dir, file, name, version, "");
    }

    /** The same, with {@code moreOsRelease} (lines) appended to its os-release. */
    static Path image(Path dir, String file, String name, String version, String moreOsRelease) throws Exception {
        Path tree = Files.createTempDirectory(dir, "tree");
        Files.createDirectories(tree.resolve("usr/lib/systemd/system"));
        Files.writeString(tree.resolve("usr/lib/os-release"), "ID=debian\nIMAGE_ID=" + name + "\nIMAGE_VERSION="
                + version + "\nPORTABLE_PRETTY_NAME=\"The " + name + " service\"\nPORTABLE_PREFIXES=" + name + "\n"
                + moreOsRelease);
        Files.writeString(tree.resolve("usr/lib/systemd/system/" + name + ".service"),
                "[Service]\nExecStart=/bin/" + name + " " + version + "\n");
        Path image = dir.resolve(file);
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);
        return image;
    }

    /** A new key pair: its armored secret key (protected by {@code passphrase} unless empty) and public key. */
    record Keys(Path secret, Path publicKeyRing) {
    }

    static Keys keys(Path dir, String passphrase) throws IOException {
        Keys keys = new Keys(dir.resolve("feed-secret.asc"), dir.resolve("feed-public.gpg"));
        FeedKey.generate(keys.secret(), keys.publicKeyRing(), "Feed Test <feed@example.org>",
                passphrase.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(passphrase.toCharArray()));
        return keys;
    }
}
