package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What systemd 256's portablectl added, with both backends, on systemd 252 (where portajava does it itself) and 262:
 * {@code detach --clean} removes a DynamicUser= service's state, cache and logs, a plain detach keeps them; a
 * versioned directory {@code NAME.v/} attaches its newest image, and reattach picks up a newer one put there.
 */
class NewerPortablectlIT {

    @TempDir
    static Path specs;

    private static final String[] DATA = {"/var/lib/private/keeper", "/var/cache/private/keeper",
        "/var/log/private/keeper", "/var/lib/keeper", "/var/cache/keeper", "/var/log/keeper"};

    @ParameterizedTest(name = "{0}, backend {1}, --clean {2}")
    @CsvSource({"BOOKWORM,portabled,true", "BOOKWORM,native,true", "BOOKWORM,native,false", "SID,portabled,true",
        "SID,native,true", "SID,portabled,false"})
    void detachClean_removesStateCacheAndLogs_plainDetachKeepsThem(SystemdImage version, String backend,
            boolean clean) throws IOException {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Path image = keeper(systemd);
        try {
            systemd.portajava("attach", "--backend", backend, image.toString(), "--now").assertOk();
            for (String kind : new String[] {"lib", "cache", "log"}) {
                assertEquals(kind, waitForFile(systemd, "/var/" + kind + "/private/keeper/written"));
            }

            Portajava.Result detach = clean
                    ? systemd.portajava("detach", "--backend", backend, image.toString(), "--now", "--clean").assertOk()
                    : systemd.portajava("detach", "--backend", backend, image.toString(), "--now").assertOk();

            AttachProfilesIT.assertNothingLeft(systemd, "keeper");
            for (String path : DATA) {
                assertEquals(!clean, systemd.exists(path), path + " after " + detach.out());
            }
            if (clean) {
                assertTrue(detach.out().contains("Cleaned keeper.service: its configuration, state, cache, logs and"
                        + " runtime data are removed."), detach.out());
                assertEquals(version.version() < 256, detach.out().contains("(systemd " + version.version()
                        + "'s portablectl has no --clean; portajava removed the data itself, through systemd's"
                        + " CleanUnit.)"), detach.out());
            } else {
                assertEquals("lib", systemd.run("cat", "/var/lib/private/keeper/written").strip(),
                        "a plain detach keeps the state");
            }
        } finally {
            systemd.exec("portablectl", "detach", image.toString());
            systemd.exec("rm", "-rf", DATA[0], DATA[1], DATA[2], DATA[3], DATA[4], DATA[5]);
        }
    }

    @ParameterizedTest(name = "{0}, backend {1}")
    @CsvSource({"BOOKWORM,portabled", "BOOKWORM,native", "SID,portabled", "SID,native"})
    void versionedDirectory_attachesTheNewest_andReattachUpgradesToANewerOne(SystemdImage version, String backend)
            throws IOException {
        SystemdContainer systemd = SystemdContainer.shared(version);
        Path versions = Files.createDirectories(systemd.imagesDir().resolve(backend).resolve("hello.v"));
        Portajava portajava = Portajava.against(systemd);
        Path v9 = portajava.buildSample("hello", versions, "hello_1.9.raw");
        Files.copy(v9, versions.resolve("hello_1.10.raw"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(v9, versions.resolve("hello_1.2.raw"), StandardCopyOption.REPLACE_EXISTING);
        String dropIn = "/etc/systemd/system.attached/hello.service.d/20-portable.conf";
        try {
            Portajava.Result attach = systemd.portajava("--verbose", "attach", "--backend", backend, versions + "/",
                    "--now").assertOk();
            assertTrue(attach.err().contains("image: " + versions.resolve("hello_1.10.raw") + ", the newest in "
                    + versions), attach.err());
            assertTrue(systemd.run("cat", dropIn).contains("RootImage=" + versions.resolve("hello_1.10.raw") + "\n"));
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
            if (version.version() >= 256) {
                assertEquals("running", systemd.run("portablectl", "is-attached", versions.toString()).strip(),
                        "portabled finds it by the directory too");
            }

            Files.copy(v9, versions.resolve("hello_2.0.raw"));
            systemd.portajava("reattach", "--backend", backend, versions.toString(), "--now").assertOk();

            assertTrue(systemd.run("cat", dropIn).contains("RootImage=" + versions.resolve("hello_2.0.raw") + "\n"));
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
            systemd.portajava("detach", "--backend", backend, versions.toString(), "--now").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
        } finally {
            systemd.portajava("detach", "--backend", backend, versions.toString(), "--now");
            systemd.exec("rm", "-rf", versions.toString());
        }
    }

    /** Waits for the service to write {@code path}, and returns what it wrote. */
    private static String waitForFile(SystemdContainer systemd, String path) {
        for (int i = 0; i < 50; i++) {
            if (systemd.exists(path)) {
                return systemd.run("cat", path).strip();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "no " + path;
    }

    /** The image "keeper": a DynamicUser= service (profile default) that writes into its state, cache and logs. */
    private static Path keeper(SystemdContainer systemd) throws IOException {
        Path spec = Files.createDirectories(specs.resolve("keeper"));
        Files.writeString(spec.resolve("keeper.service"), "[Service]\nStateDirectory=keeper\nCacheDirectory=keeper\n"
                + "LogsDirectory=keeper\nExecStart=/usr/bin/busybox sh -c 'for d in lib cache log; do echo $d >"
                + " /var/$d/keeper/written; done; exec /usr/bin/busybox sleep 100000'\n");
        Files.writeString(spec.resolve("portable.toml"), "[image]\nname = \"keeper\"\nversion = \"1\"\n"
                + "units = [\"keeper.service\"]\n\n[[file]]\nfrom = \"/bin/busybox\"\nto = \"/usr/bin/busybox\"\n"
                + "mode = \"0755\"\n");
        Path image = systemd.imagesDir().resolve("keeper_1.raw");
        Portajava.against(systemd).run("build", spec.toString(), "-o", image.toString(), "--force").assertOk();
        return image;
    }
}
