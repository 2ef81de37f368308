package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Container images as input, from a real registry (distribution 2.8), from {@code docker save} archives and from
 * OCI layouts written by skopeo: the portable service built from an image, attached on the real systemd, prints what
 * {@code docker run} of the same image prints.
 */
class ContainerImagesIT {

    private static SystemdContainer systemd;
    private static Registry registry;
    private static String app;
    private static String layers;
    private static String appOutput;
    private static String layersOutput;
    private static String caps;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        registry = Registry.start();
        app = registry.host() + "/test/app:1.4";
        layers = registry.host() + "/test/layers:1";
        caps = registry.host() + "/test/caps:1";
        Docker.build("app", app);
        Docker.build("layers", layers);
        capsImage(caps);
        Docker.run("docker", "push", "-q", app);
        Docker.run("docker", "push", "-q", layers);
        Docker.run("docker", "push", "-q", caps);
        appOutput = Docker.runOutput(app);
        layersOutput = Docker.runOutput(layers);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            // the tags name this run's registry port: kept, they would pile up in the Docker engine run after run
            Docker.removeTags(app, layers, caps, tampered());
            registry.close();
        }
    }

    private static String tampered() {
        return registry.host() + "/test/tampered:1";
    }

    private Portajava portajava() {
        return Portajava.against(systemd).withEnvironment(Map.of("XDG_CACHE_HOME", temp.resolve("cache").toString()));
    }

    @Test
    void fromRegistry_theServiceRunsAsDockerRunDoes() {
        Path image = systemd.imagesDir().resolve("regapp.raw");
        Portajava.Result build = portajava().run("build", "--from", app, "-o", image.toString(), "--force").assertOk();
        assertTrue(build.err().contains("warning: the image runs as user app (uid 1000)"), build.err());
        String unit = assertServiceOutput(image, "regapp", appOutput, "default");
        assertTrue(unit.contains("User=1000\nGroup=1000\n"), unit);
        assertTrue(unit.contains("#   StateDirectory=app\n") && unit.contains("#   BindPaths=/var/lib/regapp/data:/data"),
                unit);
    }

    @Test
    void fromRegistry_layersAreAppliedAsDockerAppliesThem() {
        Path image = systemd.imagesDir().resolve("reglayers.raw");
        portajava().run("build", "--from", layers, "-o", image.toString(), "--force").assertOk();
        // trusted: like docker run, it keeps CAP_DAC_OVERRIDE, which reading the 0600 file needs
        assertServiceOutput(image, "reglayers", layersOutput, "trusted");
    }

    /**
     * An image whose program needs a file capability: {@code /usr/local/bin/cat} is busybox with cap_dac_override
     * (permitted and effective, set by setfattr as setcap would), which lets user nobody read a file only root may
     * read. Made by GNU tar and {@code docker import}, as the engine's builder does not keep a context's xattrs.
     */
    private static void capsImage(String tag) {
        try {
            Path root = Files.createTempDirectory("pj-caps-").resolve("root");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(root.resolve("usr/local/bin"));
            Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
            Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
            Files.copy(Path.of("/bin/busybox"), root.resolve("usr/local/bin/cat"));
            Docker.run("setfattr", "-n", "security.capability", "-v", "0x0100000202000000000000000000000000000000",
                    root.resolve("usr/local/bin/cat").toString());
            Files.writeString(root.resolve("etc/passwd"),
                    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(root.resolve("etc/secret"), "only root may read this\n");
            Files.setPosixFilePermissions(root.resolve("etc/secret"), java.nio.file.attribute.PosixFilePermissions
                    .fromString("rw-------"));
            Docker.importTree(root, tag, "USER nobody", "ENTRYPOINT [\"/bin/sh\", \"-c\","
                    + " \"/usr/local/bin/cat /etc/secret; echo ready; exec sleep 100000\"]");
            org.apache.commons.io.file.PathUtils.delete(root.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fromRegistry_aFileCapabilityOfALayer_isTheServicesOnTheRealSystemd() {
        // the layer's SCHILY.xattr.security.capability lets user nobody read a file only root may read, under docker
        // run and as a portable service alike
        String expected = "only root may read this\nready\n";
        assertEquals(expected, Docker.runOutput(caps));
        Path image = systemd.imagesDir().resolve("regcaps.raw");
        portajava().run("build", "--from", caps, "-o", image.toString(), "--force").assertOk();
        // trusted: the default profile's DynamicUser= and system call filter imply NoNewPrivileges=, and the kernel
        // then ignores the file capability; without DynamicUser=, systemd looks the user up on the host: nobody
        String unit = assertServiceOutput(image, "regcaps", expected, "trusted");
        assertTrue(unit.contains("User=65534\n"), unit);
    }

    @Test
    void fromDockerSaveArchive_theServiceRunsAsDockerRunDoes() {
        Path archive = temp.resolve("app.tar");
        Docker.run("docker", "save", "-o", archive.toString(), app);
        Path image = systemd.imagesDir().resolve("archapp.raw");
        portajava().run("build", "--from", "docker-archive:" + archive, "-o", image.toString(), "--force").assertOk();
        assertServiceOutput(image, "archapp", appOutput, "default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd"})
    void fromOciLayout_ofEitherCompression_layersAreAppliedAsDockerAppliesThem(String compression) {
        Path layout = temp.resolve("layout");
        Docker.copyToLayout(layers, layout, "v1", compression);
        String name = "layout" + compression;
        Path image = systemd.imagesDir().resolve(name + ".raw");
        portajava().run("build", "--from", "oci:" + layout + ":v1", "-o", image.toString(), "--force").assertOk();
        assertServiceOutput(image, name, layersOutput, "trusted");
    }

    @Test
    void spec_withFrom_laysItsFilesAndUnitOverTheImage_andRunsUnderStrict() throws IOException {
        Path spec = Files.createDirectories(temp.resolve("spec"));
        Files.writeString(spec.resolve("specapp.service"), String.join("\n",
                "[Service]",
                "ExecStart=/bin/sh -c 'cat /etc/specapp.conf; ls /data/opq; echo ready; exec sleep 100000'",
                ""));
        Files.writeString(spec.resolve("portable.toml"), String.join("\n",
                "[image]",
                "name = \"specapp\"",
                "version = \"2\"",
                "units = [\"specapp.service\"]",
                "",
                "[from]",
                "image = \"" + layers + "\"",
                "",
                "[[file]]",
                "content = \"configured on top\\n\"",
                "to = \"/etc/specapp.conf\"",
                ""));
        Path image = systemd.imagesDir().resolve("specapp.raw");
        portajava().run("build", spec.toString(), "-o", image.toString(), "--force").assertOk();
        assertServiceOutput(image, "specapp", "configured on top\ny\nready\n", "strict");
    }

    @Test
    void secondBuild_ofTheSameImage_downloadsNoBlob_andGivesTheSameBytes() throws IOException {
        Path first = Files.createDirectories(temp.resolve("first")).resolve("layers.raw");
        Path second = Files.createDirectories(temp.resolve("second")).resolve("layers.raw");
        long before = registry.blobRequests();
        portajava().run("build", "--from", layers, "-o", first.toString()).assertOk();
        long afterFirst = registry.blobRequests();
        assertTrue(afterFirst > before, "the first build downloads the blobs");
        portajava().run("build", "--from", layers, "-o", second.toString()).assertOk();
        assertEquals(afterFirst, registry.blobRequests(), "the second build asked the registry for no blob");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void tamperedBlob_inTheRegistry_isRefused_andNothingIsLeft() throws IOException {
        String tampered = tampered();
        Docker.build("app", tampered, "--label", "dev.portajava.test=tampered");
        Docker.run("docker", "push", "-q", tampered);
        String config = Docker.run("docker", "inspect", "-f", "{{.Id}}", tampered).strip();
        String hex = config.substring("sha256:".length());
        byte[] data = Files.readAllBytes(registry.blobData(hex));
        data[data.length / 2] ^= 1;
        Files.write(registry.blobData(hex), data);
        Path image = temp.resolve("tampered.raw");

        Portajava.Result result = portajava().run("build", "--from", tampered, "-o", image.toString());

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("sha256:" + hex.substring(0, 12)), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertFalse(Files.exists(image));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of("cache"), files.map(p -> p.getFileName().toString()).toList(), "nothing next to the output");
        }
        Path cache = temp.resolve("cache/portajava");
        assertFalse(Files.exists(cache.resolve("blobs/sha256").resolve(hex)), "the bad blob is not in the cache");
        try (Stream<Path> partial = Files.exists(cache.resolve("tmp")) ? Files.list(cache.resolve("tmp")) : Stream.empty()) {
            assertEquals(List.of(), partial.toList(), "no partial download is left");
        }
    }

    @Test
    void fromImage_keepsTheBaseOsRelease_andSystemdCallsItAPortableService() {
        Path image = systemd.imagesDir().resolve("dissectapp.raw");
        portajava().run("build", "--from", app, "-o", image.toString(), "--force").assertOk();
        String dissect = systemd.run("systemd-dissect", image.toString());
        assertTrue(dissect.contains("\u2713 portable service"), dissect);
        assertTrue(dissect.contains("ID=pjtest") && dissect.contains("VERSION_ID=7"), dissect);
        assertTrue(dissect.contains("PORTABLE_PREFIXES=dissectapp"), dissect);
    }

    /**
     * Attaches the image, starts its unit and compares what it prints with {@code expected}; then detaches.
     *
     * @return the unit file as it was attached
     */
    private String assertServiceOutput(Path image, String name, String expected, String profile) {
        Portajava portajava = portajava();
        String unit;
        try {
            portajava.run("attach", image.toString(), "--profile", profile, "--now").assertOk();
            unit = systemd.run("cat", "/etc/systemd/system.attached/" + name + ".service");
            assertEquals(expected, serviceOutput(name + ".service"));
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, name);
        return unit;
    }

    /** What the service itself printed, up to its line {@code ready}. */
    private static String serviceOutput(String unit) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String out = "";
        while (Instant.now().isBefore(deadline)) {
            out = systemd.run("journalctl", "--no-pager", "-o", "cat", "_SYSTEMD_UNIT=" + unit);
            if (out.lines().anyMatch("ready"::equals)) {
                return out;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail(unit + " never printed 'ready'; journal: " + out + systemd.journal(unit));
    }
}
