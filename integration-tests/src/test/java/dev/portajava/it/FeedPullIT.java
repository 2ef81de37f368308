package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.Container.ExecResult;

/**
 * A feed {@code portajava publish} wrote, served by a real nginx on the container's loopback, pulled by systemd's own
 * importer ({@code importctl pull-raw --class=portable --verify=signature}, systemd 256 and later) with the feed's
 * key in systemd's import keyring, then attached and started; and a feed whose image, sums or signature was
 * tampered with is refused by that importer.
 */
class FeedPullIT {

    @ParameterizedTest
    @EnumSource(value = SystemdImage.class, names = {"TRIXIE", "SID"})
    void importctl_pullsAndVerifiesThePublishedImage_andPortajavaAttachesIt(SystemdImage version) throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(version);
        PublishedFeed feed = PublishedFeed.serve(systemd);
        try {
            Path image = Portajava.against(systemd).buildSample("hello", feed.root(), "hello_1.0.raw");
            feed.publish(image);
            feed.tampered("image-tampered", "hello_1.0.raw");
            feed.tampered("sums-tampered", "SHA256SUMS");
            feed.tampered("signature-tampered", "SHA256SUMS.gpg");
            feed.trustKey();
            ExecResult pulled = pull(systemd, "hello_1.0.raw", "hello_1.0");
            assertEquals(0, pulled.getExitCode(), pulled.getStderr() + pulled.getStdout());
            assertEquals(Files.size(image), Long.parseLong(systemd.run("stat", "-c", "%s",
                    "/var/lib/portables/hello_1.0.raw").strip()));
            systemd.portajava("attach", "hello_1.0", "--profile", "strict", "--now").assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            systemd.portajava("detach", "hello_1.0", "--now").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");

            systemd.exec("rm", "-f", "/var/lib/portables/hello_1.0.raw");

            // portajava's own client, from the same feed: one command installs, starts and enables
            systemd.portajava("install", "hello", "--feed", feed.url(), "--key", feed.publicKey().toString())
                    .assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            // enabled as portablectl enables portable units: systemctl calls them disabled, the link is what boots
            assertTrue(systemd.exists("/etc/systemd/system.attached/multi-user.target.wants/hello.service"),
                    systemd.attachedTree());

            // an update that stays healthy is kept; one whose service fails is rolled back to the one before
            feed.publish("2.0", false);
            Portajava.Result updated = systemd.portajava("update", "--settle", "3s").assertOk();
            assertEquals("hello updated from 1.0 to 2.0; its units are active.", updated.out().strip());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=/var/lib/portables/hello_2.0.raw\n"));
            feed.publish("3.0", true);
            Portajava.Result rolledBack = systemd.portajava("update", "hello", "--settle", "3s");
            rolledBack.assertExit(1);
            assertTrue(rolledBack.err().startsWith("hello 3.0 failed its health check; 2.0 is attached again:"),
                    rolledBack.err());
            assertTrue(rolledBack.err().contains("hello 3.0 cannot start"), "the unit's journal: " + rolledBack.err());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=/var/lib/portables/hello_2.0.raw\n"));
            assertEquals("hello 2.0 would be updated to 3.0.", systemd.portajava("update", "hello", "--dry-run")
                    .out().strip(), "the failed version is tried again by the next update, not marked good");

            systemd.portajava("uninstall", "hello").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
            assertEquals("", systemd.run("ls", "-A", "/var/lib/portables").strip());

            for (String feedDir : new String[] {"image-tampered", "sums-tampered", "signature-tampered"}) {
                ExecResult refused = pull(systemd, feedDir + "/hello_1.0.raw", "hello_2.0");
                assertNotEquals(0, refused.getExitCode(), feedDir + " was pulled: " + refused.getStdout());
                assertEquals(1, systemd.exec("test", "-e", "/var/lib/portables/hello_2.0.raw").getExitCode(),
                        feedDir + ": nothing is left of a refused pull");
                systemd.portajava("install", "hello", "--feed", feed.url(feedDir), "--key",
                        feed.publicKey().toString()).assertExit(2);
                AttachProfilesIT.assertNothingLeft(systemd, "hello");
                assertEquals("", systemd.run("ls", "-A", "/var/lib/portables").strip(), feedDir + ": nothing left");
            }
        } finally {
            feed.close();
            systemd.exec("rm", "-f", "/var/lib/portables/hello_1.0.raw");
        }
    }

    @Test
    void install_overAnotherImageOfItsFileName_thatARunningServiceUses_isRefused_andTheServiceKeepsIt()
            throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(SystemdImage.TRIXIE);
        PublishedFeed feed = PublishedFeed.serve(systemd);
        String mine = "/var/lib/portables/hello_1.0.raw";
        try {
            feed.publish("1.0", false);
            Portajava.against(systemd).buildSample("hello", feed.root(), "local.raw", "--compression", "zstd");
            systemd.run("cp", feed.root().resolve("local.raw").toString(), mine);
            String before = systemd.run("sha256sum", mine);
            systemd.portajava("attach", mine, "--now").assertOk();

            Portajava.Result install = systemd.portajava("install", "hello", "--feed", feed.url(), "--key",
                    feed.publicKey().toString());

            install.assertExit(2);
            assertTrue(install.err().startsWith("portajava: " + mine + " is already there and is not hello 1.0 of "),
                    install.err());
            assertEquals(before, systemd.run("sha256sum", mine), "the running service's image is as it was");
            assertEquals("", systemd.run("ls", "-A", "/var/lib/portables/").replace("hello_1.0.raw\n", ""),
                    "no download left beside it");
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            systemd.portajava("detach", mine, "--now").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
        } finally {
            feed.close();
            systemd.exec("rm", "-f", mine);
        }
    }

    @Test
    void uninstall_afterAnUpdate_detachesTheVersionAttached_whereverItsFileNameSorts_andKeepsWhatItDidNotPutThere()
            throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(SystemdImage.TRIXIE);
        PublishedFeed feed = PublishedFeed.serve(systemd);
        try {
            feed.publish("1.0", false);
            systemd.portajava("install", "hello", "--feed", feed.url(), "--key", feed.publicKey().toString())
                    .assertOk();
            // the oldest version there, put there otherwise: neither update's pruning nor uninstall removes it
            systemd.run("sh", "-c", "echo an image built here > /var/lib/portables/hello_0.9.raw");
            feed.publish("1.0.1", false); // hello_1.0.1.raw sorts before hello_1.0.raw, which update keeps
            systemd.portajava("update", "--settle", "1s", "--keep", "2").assertOk();
            assertEquals("hello_0.9.raw\nhello_1.0.1.raw\nhello_1.0.raw", systemd.run("ls", "/var/lib/portables")
                    .strip());

            systemd.portajava("uninstall", "hello").assertOk();

            AttachProfilesIT.assertNothingLeft(systemd, "hello");
            assertEquals("hello_0.9.raw", systemd.run("ls", "-A", "/var/lib/portables").strip());
            assertEquals("an image built here", systemd.run("cat", "/var/lib/portables/hello_0.9.raw").strip());
        } finally {
            feed.close();
            systemd.exec("sh", "-c", "rm -f /var/lib/portables/hello_*.raw");
        }
    }

    private static ExecResult pull(SystemdContainer systemd, String path, String name) {
        String url = PublishedFeed.URL + (path.startsWith("hello") ? "feed/" : "") + path;
        return systemd.exec("importctl", "pull-raw", "--class=portable", "--verify=signature", url, name);
    }
}
