package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * systemd's own updaters pull the feeds {@code portajava publish} writes, served by nginx on the container's
 * loopback, and verify them with the feed's key in systemd's import keyring: {@code systemd-sysupdate} (262) with
 * the transfer file the feed holds, then {@code portajava reattach} runs the new version; {@code machinectl pull-raw
 * --verify=signature} (252), then {@code portajava attach}. Both refuse a feed whose image, sums or signature was
 * tampered with, and install nothing from it.
 */
class SystemdUpdatersIT {

    private static final String PORTABLES = "/var/lib/portables";
    private static final String MACHINES = "/var/lib/machines";
    /** Where Debian installs it: not on the PATH. */
    private static final String SYSUPDATE = "/usr/lib/systemd/systemd-sysupdate";

    /**
     * A copy of a feed whose {@code file} has one more byte, and what each updater says when it refuses it (on
     * standard error).
     */
    private record Tampering(String copy, String file, String sysupdateSays, String machinectlSays) {}

    private static final List<Tampering> TAMPERED = List.of(
            new Tampering("image-tampered", "hello_2.0.raw", "Checksum of downloaded resource does not match",
                    "Checksum of hello_2.0.raw file did not check out"),
            new Tampering("sums-tampered", "SHA256SUMS", "Signature verification failed",
                    "Signature verification failed"),
            new Tampering("signature-tampered", "SHA256SUMS.gpg", "Signature verification failed",
                    "Signature verification failed"));

    @Test
    void sysupdate_updatesFromTheFeedsTransferFile_andReattachRunsTheNewVersion() throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(SystemdImage.SID);
        PublishedFeed feed = PublishedFeed.serve(systemd);
        try {
            feed.publish("1.0", false);
            feed.trustKey();
            String transfer = Files.readString(feed.directory().resolve("hello.transfer"));
            Path definitions = definitions(feed, "sysupdate.d", transfer);

            ExecResult first = sysupdate(systemd, definitions);
            assertEquals(0, first.getExitCode(), first.getStderr() + first.getStdout());
            assertEquals("hello_1.0.raw", visible(systemd, PORTABLES));
            assertEquals(sha256(systemd, feed.directory().resolve("hello_1.0.raw").toString()),
                    sha256(systemd, PORTABLES + "/hello_1.0.raw"));
            systemd.portajava("attach", "hello_1.0", "--profile", "strict", "--now").assertOk();
            assertEquals("1.0", runningVersion(systemd));

            feed.publish("2.0", false);
            for (Tampering tampering : TAMPERED) {
                String copy = tampering.copy();
                feed.tampered(copy, tampering.file());
                Path copyDefinitions = definitions(feed, copy + ".d",
                        transfer.replace("Path=" + feed.url() + "\n", "Path=" + feed.url(copy) + "\n"));
                ExecResult refused = sysupdate(systemd, copyDefinitions);
                assertNotEquals(0, refused.getExitCode(), copy + " was installed: " + refused.getStdout());
                assertTrue(refused.getStderr().contains(tampering.sysupdateSays()), copy + ": " + refused.getStderr());
                assertEquals("hello_1.0.raw", visible(systemd, PORTABLES), copy + ": nothing new is installed");
                assertEquals("1.0", runningVersion(systemd), copy);
                // a refused download stays, hidden, and blocks that version until vacuum removes it
                ExecResult vacuum = systemd.exec(SYSUPDATE, "--definitions=" + copyDefinitions, "vacuum");
                assertEquals(0, vacuum.getExitCode(), vacuum.getStderr() + vacuum.getStdout());
                assertEquals("", systemd.run("find", PORTABLES, "-mindepth", "1", "-name", ".*").strip(),
                        copy + ": vacuumed");
            }

            ExecResult updated = sysupdate(systemd, definitions);
            assertEquals(0, updated.getExitCode(), updated.getStderr() + updated.getStdout());
            assertEquals("hello_1.0.raw\nhello_2.0.raw", visible(systemd, PORTABLES));
            assertEquals("1.0", runningVersion(systemd), "sysupdate only downloads");
            systemd.portajava("reattach", "hello_2.0", "--profile", "strict", "--now").assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertEquals("2.0", runningVersion(systemd));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/20-portable.conf")
                    .contains("RootImage=" + PORTABLES + "/hello_2.0.raw\n"));

            ExecResult again = sysupdate(systemd, definitions);
            assertEquals(0, again.getExitCode(), again.getStderr() + again.getStdout());
            assertEquals("hello_1.0.raw\nhello_2.0.raw", visible(systemd, PORTABLES), "the newest is installed");

            systemd.portajava("detach", "hello_2.0", "--now").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
        } finally {
            systemd.exec("systemctl", "stop", "hello.service");
            systemd.portajava("detach", "hello_2.0");
            systemd.portajava("detach", "hello_1.0");
            feed.close();
            systemd.exec("find", PORTABLES, "-mindepth", "1", "-delete");
        }
    }

    @Test
    void machinectl_pullsAndVerifiesThePublishedImage_andPortajavaAttachesIt() throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(SystemdImage.BOOKWORM);
        PublishedFeed feed = PublishedFeed.serveOneAtATime(systemd);
        try {
            feed.publish("1.0", false);
            feed.publish("2.0", false);
            feed.trustKey();

            for (Tampering tampering : TAMPERED) {
                String copy = tampering.copy();
                feed.tampered(copy, tampering.file());
                ExecResult refused = pullRaw(systemd, feed.url(copy) + "hello_2.0.raw");
                assertNotEquals(0, refused.getExitCode(), copy + " was pulled: " + refused.getStdout());
                assertTrue(refused.getStderr().contains(tampering.machinectlSays()), copy + ": " + refused.getStderr());
                assertEquals("", visible(systemd, MACHINES), copy + ": nothing is left of a refused pull");
            }

            // a machine name has no '_': the image is pulled as hello, and attached from where machinectl put it
            ExecResult pulled = pullRaw(systemd, feed.url() + "hello_2.0.raw");
            assertEquals(0, pulled.getExitCode(), pulled.getStderr() + pulled.getStdout());
            assertEquals(sha256(systemd, feed.directory().resolve("hello_2.0.raw").toString()),
                    sha256(systemd, MACHINES + "/hello.raw"));
            systemd.portajava("attach", MACHINES + "/hello.raw", "--profile", "strict", "--now").assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertEquals("2.0", runningVersion(systemd));
            systemd.portajava("detach", MACHINES + "/hello.raw", "--now").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
        } finally {
            systemd.exec("systemctl", "stop", "hello.service");
            systemd.portajava("detach", MACHINES + "/hello.raw");
            feed.close();
            systemd.exec("rm", "-f", MACHINES + "/hello.raw");
        }
    }

    /** A directory of transfer definitions holding {@code hello.transfer} with {@code text}. */
    private static Path definitions(PublishedFeed feed, String name, String text) throws IOException {
        Path dir = Files.createDirectories(feed.root().resolve(name));
        Files.writeString(dir.resolve("hello.transfer"), text);
        return dir;
    }

    private static ExecResult sysupdate(SystemdContainer systemd, Path definitions) {
        return systemd.exec(SYSUPDATE, "--definitions=" + definitions, "update");
    }

    /**
     * {@code machinectl pull-raw --verify=signature URL hello}. systemd 252's systemd-pull can miss the end of one of
     * the requests it makes at once (see {@link PublishedFeed#serveOneAtATime}); should a pull still hang, it is
     * cancelled after a minute and tried again, twice at most.
     */
    private static ExecResult pullRaw(SystemdContainer systemd, String url) {
        ExecResult result = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            result = systemd.exec("timeout", "60", "machinectl", "pull-raw", "--verify=signature", url, "hello");
            if (result.getExitCode() != 124) {
                return result;
            }
            systemd.exec("sh", "-c", "for t in $(machinectl list-transfers --no-legend | awk '{print $1}'); do"
                    + " machinectl cancel-transfer $t; done; sleep 1");
        }
        return result;
    }

    /** The files in {@code dir} a user sees ({@code ls}: no hidden ones), one a line; none if there is no dir. */
    private static String visible(SystemdContainer systemd, String dir) {
        return systemd.exists(dir) ? systemd.run("ls", dir).strip() : "";
    }

    private static String sha256(SystemdContainer systemd, String file) {
        return systemd.run("sha256sum", file).split(" ")[0];
    }

    /** The {@code IMAGE_VERSION=} of the image the running hello service sees as its root. */
    private static String runningVersion(SystemdContainer systemd) {
        String pid = systemd.unitProperty("hello.service", "MainPID");
        assertFalse(pid.equals("0"), "hello.service is not running");
        return systemd.run("cat", "/proc/" + pid + "/root/usr/lib/os-release").lines()
                .filter(line -> line.startsWith("IMAGE_VERSION=")).map(line -> line.substring(14)).findFirst()
                .orElse("");
    }
}
