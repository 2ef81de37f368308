package dev.portajava.builder;

import static dev.portajava.builder.OciLayoutFixture.Entry.dir;
import static dev.portajava.builder.OciLayoutFixture.Entry.file;
import static dev.portajava.builder.OciLayoutFixture.Entry.symlink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.PortajavaException;
import dev.portajava.builder.internal.launch.TestElf;
import dev.portajava.oci.CacheDirectory;
import dev.portajava.squashfs.SquashfsEntry;
import dev.portajava.squashfs.SquashfsImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images built from a container image (an OCI layout written by the test), read back with the squashfs reader. */
class BaseImageBuildTest {

    @TempDir
    Path dir;

    private Path layout(Map<String, Object> config) throws Exception {
        return new OciLayoutFixture(Files.createDirectories(dir.resolve("layout")))
                .layer(dir("bin/"), file("bin/tool", 0755, "#!/bin/sh\necho tool\n"),
                        file("bin/sh", 0755, TestElf.staticProgram().bytes()),
                        dir("etc/"), file("etc/passwd", 0644, "root:x:0:0::/root:/bin/sh\nsvc:x:101:102::/home/svc:/bin/sh\n"),
                        file("etc/os-release", 0644, "NAME=\"Base OS\"\nID=baseos\nVERSION_ID=\"3.1\"\n"),
                        file("etc/gone", 0644, "deleted by the next layer\n"),
                        file("usr/bin/su", 04755, "setuid\n"),
                        file("srv/owned", 0640, "owned\n").owner(101, 102),
                        file("lib/systemd/system/cron.service", 0644, "[Service]\nExecStart=/usr/sbin/cron\n"))
                .layer(file("etc/.wh.gone", 0644, ""), file("srv/added", 0644, "added\n"))
                .write(config);
    }

    private ImageBuilder plan(Path layout) {
        return ImageBuilder.fromImage("oci:" + layout, "app", "1.0", false)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", dir.toString()))
                        .withArchitecture("amd64"));
    }

    private static final Map<String, Object> CONFIG = Map.of(
            "Entrypoint", List.of("tool"),
            "Cmd", List.of("--greet", "$USER 100%"),
            "Env", List.of("PATH=/usr/sbin:/bin", "GREETING=hello world"),
            "WorkingDir", "/srv",
            "User", "svc");

    @Test
    void fromImage_writesTheUnitFromTheConfig_andKeepsOwnersAndTheBaseOsRelease() throws Exception {
        List<BuildEvent> warnings = new ArrayList<>();
        BuiltImage built = plan(layout(CONFIG)).withListener(e -> {
            if (e.warning()) {
                warnings.add(e);
            }
        }).build(dir.resolve("app.raw"));

        assertEquals(List.of("app.service"), built.units().stream().map(Object::toString).toList());
        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            String unit = text(image, "/usr/lib/systemd/system/app.service");
            assertTrue(unit.contains("ExecStart=\"/bin/tool\" \"--greet\" \"$$USER 100%%\"\n"), unit);
            assertTrue(unit.contains("Environment=\"PATH=/usr/sbin:/bin\"\nEnvironment=\"GREETING=hello world\"\n"), unit);
            assertTrue(unit.contains("Environment=\"HOME=/home/svc\"\n"), unit);
            assertTrue(unit.contains("WorkingDirectory=/srv\n"), unit);
            assertTrue(unit.contains("User=101\nGroup=102\n"), unit);
            String osRelease = text(image, "/usr/lib/os-release");
            assertTrue(osRelease.startsWith("ID=baseos\n"), osRelease);
            assertTrue(osRelease.contains("VERSION_ID=3.1\n") && osRelease.contains("NAME=\"Base OS\"\n"), osRelease);
            assertTrue(osRelease.contains("PORTABLE_PREFIXES=app\n"), osRelease);
            assertEquals("../usr/lib/os-release",
                    image.lookup("/etc/os-release").orElseThrow().symlinkTarget().orElseThrow());
            SquashfsEntry owned = image.lookup("/srv/owned").orElseThrow();
            assertEquals(List.of(101, 102, 0640), List.of(owned.uid(), owned.gid(), owned.permissions()));
            assertEquals(0755, image.lookup("/usr/bin/su").orElseThrow().permissions(), "setuid removed by default");
            assertTrue(image.lookup("/etc/gone").isEmpty(), "whited out");
            assertEquals("added\n", text(image, "/srv/added"));
            assertTrue(image.lookup("/lib/systemd/system/cron.service").isPresent(), "the base's unit stays");
        }
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("removed the setuid/setgid bit of 1 file (/usr/bin/su); set allow-setuid = true in [from]"
                + " (--allow-setuid with --from) to keep them", warnings.get(0).message());
        assertTrue(warnings.get(1).message().contains("user svc (uid 101)"), warnings.toString());
    }

    @Test
    void fromImage_carriesTheLayersXattrsIntoTheImage() throws Exception {
        // cap_net_bind_service, permitted and effective, as setcap writes it
        String capability = new String(java.util.HexFormat.of().parseHex("0100000200040000000000000000000000000000"),
                StandardCharsets.ISO_8859_1);
        Path layout = new OciLayoutFixture(Files.createDirectories(dir.resolve("layout")))
                .layer(dir("bin/").xattr("user.origin", "layer one"),
                        file("bin/sh", 0755, TestElf.staticProgram().bytes())
                                .xattr("security.capability", capability)
                                .xattr("system.posix_acl_access", "\u0002"),
                        symlink("bin/tool", "sh").xattr("security.selinux", "system_u:object_r:bin_t:s0"))
                .write(Map.of("Entrypoint", List.of("/bin/sh")));
        BuiltImage built = plan(layout).build(dir.resolve("app.raw"));
        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            SquashfsEntry sh = image.lookup("/bin/sh").orElseThrow();
            assertEquals(List.of("security.capability"), sh.xattrs().names(), "system.* is not an image's to hold");
            assertArrayEquals(capability.getBytes(StandardCharsets.ISO_8859_1),
                    sh.xattrs().get("security.capability").orElseThrow());
            assertEquals("layer one", new String(image.lookup("/bin").orElseThrow().xattrs().get("user.origin")
                    .orElseThrow(), StandardCharsets.UTF_8));
            assertEquals("system_u:object_r:bin_t:s0", new String(image.lookup("/bin/tool").orElseThrow().xattrs()
                    .get("security.selinux").orElseThrow(), StandardCharsets.UTF_8));
            assertTrue(image.lookup("/usr/lib/os-release").orElseThrow().xattrs().isEmpty());
        }

        // a directory image keeps only user.* (Java sets no other namespace), and says what it leaves out
        List<BuildEvent> warnings = new ArrayList<>();
        Path tree = plan(layout).withListener(e -> {
            if (e.warning()) {
                warnings.add(e);
            }
        }).build(dir.resolve("app")).path();
        assertTrue(Files.isDirectory(tree));
        assertEquals(1, warnings.stream().filter(w -> w.message().contains("xattrs")).count(), warnings.toString());
        String warning = warnings.stream().filter(w -> w.message().contains("xattrs")).findFirst().orElseThrow()
                .message();
        assertTrue(warning.contains("2 entries (/bin/sh, /bin/tool)"), warning);
    }

    @Test
    void fromImage_withAllowSetuid_keepsTheBit() throws Exception {
        BuiltImage built = ImageBuilder.fromImage("oci:" + layout(CONFIG), "app", "1.0", true)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", dir.toString())))
                .build(dir.resolve("app.raw"));
        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            assertEquals(04755, image.lookup("/usr/bin/su").orElseThrow().permissions());
        }
    }

    @Test
    void secondBuild_fromTheCache_givesTheSameBytes_andCopiesNoFileOfIt() throws Exception {
        Path layout = layout(CONFIG);
        Path first = plan(layout).build(dir.resolve("first.raw")).path();
        Path second = plan(layout).build(dir.resolve("second.raw")).path();
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        CacheDirectory cache = new CacheDirectory(dir.resolve(".cache/portajava"));
        assertFalse(Files.exists(cache.checkouts()), "files are read from the cache's content store, not copied");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("first.raw", "second.raw"), left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".cache") && !n.equals("layout")).sorted().toList(),
                    "nothing but the images next to them");
        }
    }

    @Test
    void fromImage_ofALayout_keepsNothingOfItInTheCacheButItsUnpackedLayers() throws Exception {
        plan(layout(CONFIG)).build(dir.resolve("app.raw"));

        CacheDirectory cache = new CacheDirectory(dir.resolve(".cache/portajava"));
        assertFalse(Files.exists(cache.blobs()), "the layout's blobs are read from it, not copied");
        try (Stream<Path> left = Files.list(cache.temporaries())) {
            assertEquals(List.of(), left.toList());
        }
        assertTrue(Files.isDirectory(cache.layers()) && Files.isDirectory(cache.files()), "unpacked once");
    }

    @Test
    void directoryImage_fromImage_keepsModesSetuidBitsAndTimes_andOwnersWhenRoot() throws Exception {
        Path image = ImageBuilder.fromImage("oci:" + layout(CONFIG), "app", "1.0", true)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", dir.toString()))
                        .withArchitecture("amd64"))
                .withEpoch(1_700_000_000L).build(dir.resolve("app")).path();

        assertEquals(04755, (Integer) Files.getAttribute(image.resolve("usr/bin/su"), "unix:mode") & 07777);
        assertEquals(0640, (Integer) Files.getAttribute(image.resolve("srv/owned"), "unix:mode") & 07777);
        assertEquals(1_700_000_000_000L, Files.getLastModifiedTime(image.resolve("srv")).toMillis());
        assertEquals("owned\n", Files.readString(image.resolve("srv/owned")));
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid"));
        assertEquals(root ? List.of(101, 102) : List.of(Files.getAttribute(dir, "unix:uid"),
                Files.getAttribute(dir, "unix:gid")), List.of(Files.getAttribute(image.resolve("srv/owned"), "unix:uid"),
                Files.getAttribute(image.resolve("srv/owned"), "unix:gid")), "the layer's owner, when the build may give it");
    }

    @Test
    void directoryImage_fromImage_sharesNoInodeWithTheCache() throws Exception {
        Path image = plan(layout(CONFIG)).build(dir.resolve("app")).path();
        assertEquals(1, Files.getAttribute(image.resolve("bin/tool"), "unix:nlink"));
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(image.resolve("bin/tool")));
    }

    @Test
    void entrypointMissingFromTheImage_isRefusedByName_andNothingIsWritten() throws Exception {
        Path layout = layout(Map.of("Entrypoint", List.of("/usr/bin/missing")));
        PortajavaException e = assertThrows(InvalidSpecException.class, () -> plan(layout).build(dir.resolve("app.raw")));
        assertTrue(e.getMessage().contains("'/usr/bin/missing', which is not in the image"), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(Set.of("layout", ".cache"), Set.copyOf(left.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void entrypointWhoseLibraryIsNotInTheImage_isRefused_andWithItInALdSoConfDirectory_builds() throws Exception {
        List<OciLayoutFixture.Entry> base = List.of(dir("bin/"), dir("lib/"), dir("lib64/"), dir("etc/"),
                file("bin/app", 0755, TestElf.program().needs("libssl.so.3", "libc.so.6").bytes()),
                file("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 0755, TestElf.loader().bytes()),
                OciLayoutFixture.Entry.symlink("lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
                file("lib/x86_64-linux-gnu/libc.so.6", 0644, TestElf.library("libc.so.6").bytes()),
                file("etc/ld.so.conf", 0644, "include /etc/ld.so.conf.d/*.conf\n"),
                file("etc/ld.so.conf.d/ssl.conf", 0644, "/opt/ssl/lib\n"),
                file("etc/os-release", 0644, "ID=baseos\n"));
        Map<String, Object> config = Map.of("Entrypoint", List.of("app"), "Env", List.of("PATH=/bin"));
        Path without = new OciLayoutFixture(Files.createDirectories(dir.resolve("without")))
                .layer(base.toArray(OciLayoutFixture.Entry[]::new)).write(config);

        PortajavaException e = assertThrows(InvalidSpecException.class, () -> plan(without).build(dir.resolve("app.raw")));

        assertTrue(e.getMessage().endsWith("ExecStart=/bin/app: needs libssl.so.3, which is not in the image (searched"
                + " /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64, /lib, /usr/lib and ld.so.conf)"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("app.raw")));

        Path with = new OciLayoutFixture(Files.createDirectories(dir.resolve("with")))
                .layer(base.toArray(OciLayoutFixture.Entry[]::new))
                .layer(file("opt/ssl/lib/libssl.so.3", 0644, TestElf.library("libssl.so.3").needs("libc.so.6").bytes()))
                .write(config);
        assertEquals(List.of("app.service"), plan(with).build(dir.resolve("app.raw")).units().stream()
                .map(Object::toString).toList());
    }

    @Test
    void baseImagesOwnUnitOfATypePortabledNeverAttaches_staysInTheImage_andIsNotAttached() throws Exception {
        // as Debian's own dev-hugepages.mount in a base image made from a Debian system
        Path layout = new OciLayoutFixture(Files.createDirectories(dir.resolve("mounts")))
                .layer(dir("bin/"), file("bin/tool", 0755, TestElf.staticProgram().bytes()),
                        file("lib/systemd/system/dev-hugepages.mount", 0644, "[Mount]\nWhat=hugetlbfs\n"),
                        file("etc/os-release", 0644, "ID=baseos\n"))
                .write(Map.of("Entrypoint", List.of("/bin/tool")));

        BuiltImage built = plan(layout).build(dir.resolve("app.raw"));

        assertEquals(List.of("app.service"), built.units().stream().map(Object::toString).toList());
        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            assertTrue(image.lookup("/lib/systemd/system/dev-hugepages.mount").isPresent());
        }
    }

    @Test
    void imageWithoutCommand_needsAUnitFromTheSpec() throws Exception {
        Path layout = layout(Map.of("Env", List.of("A=b")));
        PortajavaException e = assertThrows(PortajavaException.class, () -> plan(layout).build(dir.resolve("app.raw")));
        assertTrue(e.getMessage().contains("neither Entrypoint nor Cmd"), e.getMessage());
    }

    @Test
    void spec_withFrom_laysItsUnitAndFilesOnTop() throws Exception {
        Path layout = layout(CONFIG);
        Path spec = SpecFixture.specDir(dir.resolve("spec"), """
                [image]
                name = "hello"
                version = "2"
                units = ["hello.service"]

                [from]
                image = "oci:../layout"

                [[file]]
                content = "on top\\n"
                to = "/srv/added"
                """, "[Service]\nExecStart=/bin/tool\n");
        BuiltImage built = ImageBuilder.load(spec)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", dir.toString())))
                .build(dir.resolve("hello.raw"));
        assertEquals(List.of("hello.service"), built.units().stream().map(Object::toString).toList());
        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            assertEquals("on top\n", text(image, "/srv/added"));
            assertEquals(0, image.lookup("/srv/added").orElseThrow().uid(), "a file of the spec belongs to root");
            assertTrue(image.lookup("/usr/lib/systemd/system/app.service").isEmpty(), "no unit written from the config");
        }
    }

    @Test
    void fromImage_whoseOsReleaseLinkIsAbsolute_getsARelativeLink_thatAttachAccepts() throws Exception {
        Path layout = new OciLayoutFixture(Files.createDirectories(dir.resolve("layout")))
                .layer(dir("bin/"), file("bin/tool", 0755, "#!/bin/sh\necho tool\n"),
                        file("bin/sh", 0755, TestElf.staticProgram().bytes()), dir("usr/"), dir("usr/lib/"),
                        file("usr/lib/os-release", 0644, "ID=baseos\nVERSION_ID=3\n"), dir("etc/"),
                        symlink("etc/os-release", "/usr/lib/os-release"))
                .write(Map.of("Entrypoint", List.of("/bin/tool")));

        BuiltImage built = plan(layout).build(dir.resolve("app.raw"));

        try (SquashfsImage image = SquashfsImage.open(built.path())) {
            assertEquals("../usr/lib/os-release",
                    image.lookup("/etc/os-release").orElseThrow().symlinkTarget().orElseThrow());
            assertTrue(text(image, "/usr/lib/os-release").startsWith("ID=baseos\nVERSION_ID=3\n"));
        }
    }

    private static String text(SquashfsImage image, String path) throws Exception {
        return new String(image.readAllBytes(image.lookup(path).orElseThrow(() -> new AssertionError(path + " missing")),
                1 << 20), StandardCharsets.UTF_8);
    }
}
