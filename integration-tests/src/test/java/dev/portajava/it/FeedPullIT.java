package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.feed.FeedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
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

    private static final String URL = "http://127.0.0.1:8080/";

    @ParameterizedTest
    @EnumSource(value = SystemdImage.class, names = {"TRIXIE", "SID"})
    void importctl_pullsAndVerifiesThePublishedImage_andPortajavaAttachesIt(SystemdImage version) throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Path root = Files.createTempDirectory(systemd.imagesDir(), "feed-");
        Path feed = root.resolve("feed");
        Path secret = root.resolve("feed.asc");
        Path publicRing = root.resolve("feed.gpg");
        FeedKey.generate(secret, publicRing, "Feed IT <feed@example.org>", Optional.empty());
        Path image = Portajava.against(systemd).buildSample("hello", root, "hello_1.0.raw");
        Portajava.against(systemd).run("publish", image.toString(), "--to", feed.toString(), "--key",
                secret.toString(), "--url", URL).assertOk();
        tampered(feed, root.resolve("image-tampered"), "hello_1.0.raw");
        tampered(feed, root.resolve("sums-tampered"), "SHA256SUMS");
        tampered(feed, root.resolve("signature-tampered"), "SHA256SUMS.gpg");
        systemd.run("cp", publicRing.toString(), "/etc/systemd/import-pubring.gpg");
        String nginx = serve(systemd, root);
        try {
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
            systemd.portajava("install", "hello", "--feed", URL + "feed/", "--key", publicRing.toString()).assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertEquals("enabled", systemd.unitProperty("hello.service", "UnitFileState"));

            // an update that stays healthy is kept; one whose service fails is rolled back to the one before
            publish(systemd, root, feed, secret, "2.0", false);
            Portajava.Result updated = systemd.portajava("update", "--settle", "3s").assertOk();
            assertEquals("hello updated from 1.0 to 2.0; its units are active.", updated.out().strip());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=/var/lib/portables/hello_2.0.raw\n"));
            publish(systemd, root, feed, secret, "3.0", true);
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
                systemd.portajava("install", "hello", "--feed", URL + feedDir + "/", "--key", publicRing.toString())
                        .assertExit(2);
                AttachProfilesIT.assertNothingLeft(systemd, "hello");
                assertEquals("", systemd.run("ls", "-A", "/var/lib/portables").strip(), feedDir + ": nothing left");
            }
        } finally {
            systemd.exec("kill", nginx);
            systemd.exec("rm", "-f", "/var/lib/portables/hello_1.0.raw", "/etc/systemd/import-pubring.gpg");
        }
    }

    /** Builds the hello sample at {@code version} (one whose service fails at once if {@code broken}), publishes it. */
    private static void publish(SystemdContainer systemd, Path root, Path feed, Path secret, String version,
            boolean broken) throws IOException {
        Path sample = Files.createDirectories(root.resolve("hello-" + version));
        try (var files = Files.list(Portajava.SAMPLES.resolve("hello"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        Path spec = sample.resolve("portable.toml");
        Files.writeString(spec, Files.readString(spec).replace("version = \"1.0\"", "version = \"" + version + "\""));
        if (broken) {
            Files.writeString(sample.resolve("hello.sh"), "#!/bin/sh\necho \"hello " + version + " cannot start\"\n"
                    + "exit 3\n");
        }
        Path image = root.resolve("hello_" + version + ".raw");
        Portajava.against(systemd).run("build", sample.toString(), "-o", image.toString()).assertOk();
        Portajava.against(systemd).run("publish", image.toString(), "--to", feed.toString(), "--key",
                secret.toString(), "--url", URL).assertOk();
    }

    /** A copy of {@code feed} at {@code copy} whose {@code file} has one more byte. */
    private static void tampered(Path feed, Path copy, String file) throws IOException {
        Files.createDirectories(copy);
        try (var files = Files.list(feed)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.write(copy.resolve(file), new byte[] {0x0a}, StandardOpenOption.APPEND);
    }

    private static ExecResult pull(SystemdContainer systemd, String path, String name) {
        String url = URL + (path.startsWith("hello") ? "feed/" : "") + path;
        return systemd.exec("importctl", "pull-raw", "--class=portable", "--verify=signature", url, name);
    }

    /** Starts nginx on 127.0.0.1:8080 serving {@code root}; returns its pid. */
    private static String serve(SystemdContainer systemd, Path root) throws IOException {
        Path conf = Files.writeString(root.resolve("nginx.conf"), "user root;\npid " + root.resolve("nginx.pid")
                + ";\nerror_log stderr;\nevents {}\nhttp {\n    access_log off;\n    server {\n"
                + "        listen 127.0.0.1:8080;\n        root " + root + ";\n    }\n}\n");
        systemd.run("nginx", "-c", conf.toString());
        return systemd.run("cat", root.resolve("nginx.pid").toString()).strip();
    }
}
