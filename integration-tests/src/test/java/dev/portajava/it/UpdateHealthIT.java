package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.feed.FeedKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code portajava update} with the health check an image declares ({@code [health]}), on the real systemd 257 and
 * 262: the webserver sample, installed from a feed nginx serves, is updated to a version whose check (a command run
 * in the service's root, where only the image's files are) passes, and kept; a version whose URL answers 404, and
 * one whose command fails, are rolled back with exit 1, naming the failed check; a download the signature refuses
 * is exit 2 and leaves nothing.
 */
class UpdateHealthIT {

    private static final String FEED_URL = "http://127.0.0.1:8081/feed/";

    @ParameterizedTest
    @EnumSource(value = SystemdImage.class, names = {"TRIXIE", "SID"})
    void update_keepsAHealthyVersion_andRollsBackOneThatFailsItsHealthCheck(SystemdImage version) throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Path root = Files.createTempDirectory(systemd.imagesDir(), "update-health-");
        Path feed = root.resolve("feed");
        Path secret = root.resolve("feed.asc");
        Path publicRing = root.resolve("feed.gpg");
        FeedKey.generate(secret, publicRing, "Update IT <update@example.org>", Optional.empty());
        publish(systemd, root, "1.0", "");
        String nginx = serve(systemd, root);
        try {
            systemd.portajava("install", "webserver", "--feed", FEED_URL, "--key", publicRing.toString()).assertOk();
            assertEquals("active", systemd.unitProperty("webserver.service", "ActiveState"));

            // the file exists only in the image: the command runs in the service's root, not the host's; and as
            // the service's dynamic user (default profile), not as root
            assertFalse(systemd.exists("/srv/www/index.html"));
            publish(systemd, root, "2.0", "[health]\ncommand = \"test -f /srv/www/index.html && test $(id -u) -ne 0\"\n"
                    + "timeout = \"5s\"\n");
            assertTrue(systemd.portajava("inspect", "/var/lib/portables/webserver_1.0.raw").out().indexOf("Health") < 0);
            Portajava.Result updated = systemd.portajava("update", "--settle", "2s").assertOk();
            assertEquals("webserver updated from 1.0 to 2.0; its units are active.", updated.out().strip());
            assertAttached(systemd, "2.0");
            assertTrue(systemd.portajava("inspect", "/var/lib/portables/webserver_2.0.raw").out().contains("Health"
                    + " Check:\n    command 'test -f /srv/www/index.html && test $(id -u) -ne 0' exits 0 within 5s\n"));

            publish(systemd, root, "2.1", "[health]\nurl = \"http://127.0.0.1:8080/health-2.1\"\n");
            Portajava.Result notFound = systemd.portajava("update", "webserver", "--settle", "2s");
            notFound.assertExit(1);
            assertTrue(notFound.err().startsWith("webserver 2.1 failed its health check; 2.0 is attached again:\n"
                    + "the health check failed: URL http://127.0.0.1:8080/health-2.1 answered HTTP 404\n"
                    + "webserver.service:\n"), notFound.err());
            assertTrue(notFound.err().contains("/health-2.1"), "the unit's journal (httpd -v logs the request): "
                    + notFound.err());
            assertAttached(systemd, "2.0");
            assertFalse(systemd.exists("/var/lib/portables/webserver_2.1.raw"), "the failed image is removed");

            publish(systemd, root, "2.2", "[health]\ncommand = \"test -f /srv/www/missing\"\n");
            Portajava.Result failing = systemd.portajava("update", "webserver", "--settle", "2s", "--json");
            failing.assertExit(1);
            assertTrue(failing.out().contains("\"status\" : \"ROLLED_BACK\"") && failing.out().contains(
                    "the health check failed: command 'test -f /srv/www/missing' exited with 1"), failing.out());
            assertAttached(systemd, "2.0");

            publish(systemd, root, "2.3", "");
            try (FileChannel image = FileChannel.open(feed.resolve("webserver_2.3.raw"), StandardOpenOption.WRITE)) {
                image.write(ByteBuffer.wrap(new byte[] {0x55}), 4096);
            }
            Portajava.Result refused = systemd.portajava("update", "webserver");
            refused.assertExit(2);
            assertTrue(refused.err().contains("webserver_2.3.raw: its SHA-256 is "), refused.err());
            assertAttached(systemd, "2.0");
            assertEquals("webserver_1.0.raw\nwebserver_2.0.raw", systemd.run("ls", "-A", "/var/lib/portables")
                    .strip(), "nothing of a refused download is left");

            systemd.portajava("uninstall", "webserver").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "webserver");
            assertEquals("", systemd.run("ls", "-A", "/var/lib/portables").strip());
        } finally {
            PublishedFeed.stop(systemd, nginx);
            systemd.portajava("uninstall", "webserver");
        }
    }

    /** The webserver sample, started and serving, attached from {@code webserver_VERSION.raw}. */
    private static void assertAttached(SystemdContainer systemd, String version) {
        assertEquals("active", systemd.unitProperty("webserver.service", "ActiveState"));
        assertTrue(systemd.run("cat", "/etc/systemd/system.attached/webserver.service.d/20-portable.conf")
                .contains("RootImage=/var/lib/portables/webserver_" + version + ".raw\n"));
    }

    /**
     * Builds the webserver sample at {@code version}, with a shell for its health command and {@code more} appended
     * to its spec, and publishes it to the feed in {@code root}.
     */
    private static void publish(SystemdContainer systemd, Path root, String version, String more) throws IOException {
        Path sample = Files.createDirectories(root.resolve("webserver-" + version));
        Path source = Portajava.SAMPLES.resolve("webserver");
        Files.copy(source.resolve("webserver.service"), sample.resolve("webserver.service"));
        Files.createDirectories(sample.resolve("www"));
        Files.copy(source.resolve("www/index.html"), sample.resolve("www/index.html"));
        String spec = Files.readString(source.resolve("portable.toml")).replace("version = \"1.0\"",
                "version = \"" + version + "\"").replace("from = \"www\"", "from = \"" + sample.resolve("www") + "\"");
        Files.writeString(sample.resolve("portable.toml"), spec + "\n[[symlink]]\npath = \"/usr/bin/sh\"\n"
                + "target = \"busybox\"\n\n[[symlink]]\npath = \"/usr/bin/test\"\ntarget = \"busybox\"\n\n"
                + "[[symlink]]\npath = \"/usr/bin/id\"\ntarget = \"busybox\"\n\n"
                + "[[symlink]]\npath = \"/bin\"\ntarget = \"usr/bin\"\n\n" + more);
        Path image = root.resolve("webserver_" + version + ".raw");
        Portajava.against(systemd).run("build", sample.toString(), "-o", image.toString()).assertOk();
        Portajava.against(systemd).run("publish", image.toString(), "--to", root.resolve("feed").toString(), "--key",
                root.resolve("feed.asc").toString()).assertOk();
    }

    /** Starts nginx on 127.0.0.1:8081 serving {@code root}; returns its pid. */
    private static String serve(SystemdContainer systemd, Path root) throws IOException {
        Path conf = Files.writeString(root.resolve("nginx.conf"), "user root;\npid " + root.resolve("nginx.pid")
                + ";\nerror_log stderr;\nevents {}\nhttp {\n    access_log off;\n    server {\n"
                + "        listen 127.0.0.1:8081;\n        root " + root + ";\n    }\n}\n");
        systemd.run("nginx", "-c", conf.toString());
        return systemd.run("cat", root.resolve("nginx.pid").toString()).strip();
    }
}
