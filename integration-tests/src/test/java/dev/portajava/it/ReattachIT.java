package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Upgrading a running, enabled portable service with {@code portajava reattach}, with both backends on every
 * systemd: version 2 answers afterwards, the unit version 2 dropped is stopped, disabled and gone, and a broken
 * version 3 is refused while version 2 keeps running; a detach without {@code --enable} leaves no link behind.
 */
class ReattachIT {

    private static final String PORT = "8081";

    private static final String WANTS = "/etc/systemd/system.attached/multi-user.target.wants/";

    private static final String INSTALL = "\n[Install]\nWantedBy=multi-user.target\n";

    private static SystemdContainer systemd;

    @TempDir
    static Path specs;

    @ParameterizedTest(name = "{0}, backend {1}")
    @OnEverySystemd({"native", "portabled"})
    void reattach_runningVersion1To2_thenBroken3_keeps2Running(SystemdImage version, String backend) throws Exception {
        systemd = SystemdContainer.shared(version);
        Path v1 = build(backend, "1", true);
        Path v2 = build(backend, "2", false);
        Path v3 = build(backend, "3", false);
        try (Stream<Path> units = Files.list(v3.resolve("usr/lib/systemd/system"))) {
            for (Path unit : units.toList()) {
                Files.delete(unit); // version 3 ships no unit: portabled would detach version 2, then fail
            }
        }
        try {
            systemd.portajava("attach", "--backend", backend, v1.toString(), "--now", "--enable").assertOk();
            assertEquals("version 1", page());
            assertEquals("active", systemd.unitProperty("web-extra.service", "ActiveState"));
            assertTrue(systemd.exists(WANTS + "web-extra.service"));

            Portajava.Result upgrade = systemd.portajava("reattach", "--backend", backend, v2.toString(), "--now",
                    "--enable").assertOk();

            assertEquals("version 2", page(), upgrade.out());
            assertTrue(upgrade.out().contains("Stopped web-extra.service"), upgrade.out());
            assertEquals("inactive", systemd.unitProperty("web-extra.service", "ActiveState"));
            assertFalse(systemd.exists("/etc/systemd/system.attached/web-extra.service"));
            // the dropped unit's link went with it, rather than dangling until someone removes it by hand
            assertFalse(systemd.exists(WANTS + "web-extra.service"), upgrade.out());
            assertTrue(upgrade.out().contains("Removed " + WANTS + "web-extra.service"), upgrade.out());
            assertTrue(systemd.exists(WANTS + "web.service"), "the unit version 2 kept stays enabled");
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/web.service.d/20-portable.conf")
                    .contains("RootDirectory=" + v2 + "\n"));

            Portajava.Result broken = systemd.portajava("reattach", "--backend", backend, v3.toString(), "--now")
                    .assertExit(2);

            assertTrue(broken.err().contains("Couldn't find any matching unit files"), broken.err());
            assertEquals("version 2", page());
            assertEquals("running", systemd.unitProperty("web.service", "SubState"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/web.service.d/20-portable.conf")
                    .contains("RootDirectory=" + v2 + "\n"));

            // enabled since version 1, detached without --enable: its link goes with its file all the same
            Portajava.Result detach = systemd.portajava("detach", "--backend", backend, v2.toString(), "--now")
                    .assertOk();

            assertFalse(systemd.exists(WANTS + "web.service"), detach.out());
            assertTrue(detach.out().contains("Removed " + WANTS + "web.service"), detach.out());
        } finally {
            systemd.portajava("detach", "--backend", backend, v2.toString(), "--now", "--enable");
            systemd.portajava("detach", "--backend", backend, v1.toString(), "--now", "--enable");
            AttachProfilesIT.assertNothingLeft(systemd, "web");
            assertFalse(systemd.exists(WANTS + "web.service"));
            assertFalse(systemd.exists(WANTS + "web-extra.service"));
            for (Path image : new Path[] {v1, v2, v3}) {
                delete(image);
            }
        }
    }

    /** What the web service answers on loopback. */
    private static String page() throws InterruptedException {
        String last = "";
        for (int i = 0; i < 40; i++) {
            var result = systemd.exec("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + PORT
                    + "; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3");
            last = result.getStdout();
            if (result.getExitCode() == 0 && last.contains("version")) {
                return last.substring(last.indexOf("version")).strip();
            }
            Thread.sleep(100);
        }
        return last;
    }

    /** Version {@code version} of the "web" image, as a directory: a page naming it and, if asked, a second unit. */
    private static Path build(String backend, String version, boolean extra) throws IOException {
        Path spec = Files.createDirectories(specs.resolve(systemd.systemd().name() + "-" + backend + "-" + version));
        Files.writeString(spec.resolve("web.service"), "[Unit]\nDescription=web version " + version
                + "\n\n[Service]\nExecStart=/usr/bin/busybox httpd -f -p 127.0.0.1:" + PORT + " -h /srv/www\n"
                + INSTALL);
        Files.writeString(spec.resolve("web-extra.service"), "[Unit]\nDescription=a helper only version 1 has\n\n"
                + "[Service]\nExecStart=/usr/bin/busybox sleep 100000\n" + INSTALL);
        Files.writeString(spec.resolve("portable.toml"), "[image]\nname = \"web\"\nversion = \"" + version + "\"\n"
                + "units = [\"web.service\"" + (extra ? ", \"web-extra.service\"" : "") + "]\n\n"
                + "[[file]]\nfrom = \"/bin/busybox\"\nto = \"/usr/bin/busybox\"\nmode = \"0755\"\n\n"
                + "[[file]]\ncontent = \"version " + version + "\\n\"\nto = \"/srv/www/index.html\"\n");
        Path image = systemd.imagesDir().resolve("web_" + version + "-" + backend);
        Portajava.against(systemd).run("build", spec.toString(), "-o", image.toString(), "--force").assertOk();
        return image;
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
