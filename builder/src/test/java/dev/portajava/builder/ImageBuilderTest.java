package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.names;
import static dev.portajava.builder.SpecFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.internal.launch.TestElf;
import dev.portajava.name.ImageName;
import dev.portajava.name.UnitName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory builds: what a user finds in the image they built. */
class ImageBuilderTest {

    private static final long EPOCH = 1_700_000_000L;

    @TempDir
    Path temp;

    private Path spec;
    private Path outDir;
    private Path output;

    @BeforeEach
    void directories() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        outDir = Files.createDirectory(temp.resolve("out"));
        output = outDir.resolve("hello");
    }

    @Test
    void build_directory_returnsWhatItBuilt() throws Exception {
        helloDir(spec, "");

        BuiltImage image = ImageBuilder.load(spec).build(output);

        assertEquals(output.toAbsolutePath(), image.path());
        assertEquals(ImageFormat.DIRECTORY, image.format());
        assertEquals(new ImageName("hello"), image.name());
        assertEquals(List.of(UnitName.parse("hello.service")), image.units());
        assertEquals(Optional.empty(), image.sha256());
        assertEquals(List.of("hello"), names(outDir), "the image and nothing else next to it");
        assertEquals(SpecFixture.HELLO_UNIT, Files.readString(output.resolve("usr/lib/systemd/system/hello.service")));
        assertEquals("#!/bin/sh\necho hello\n", Files.readString(output.resolve("usr/bin/hello")));
        assertEquals("rwxr-xr-x", mode(output.resolve("usr/bin/hello")));
    }

    @Test
    void build_raw_writesNothingNextToTheOutputButTheImage() throws Exception {
        Files.createDirectories(spec.resolve("root/srv"));
        Files.write(spec.resolve("root/srv/data.bin"), new byte[300_000]);
        helloDir(spec, """
                [[copy]]
                from = "root"
                to = "/"
                """);
        Path raw = outDir.resolve("hello.raw");
        List<String> written = new ArrayList<>();

        ImageBuilder.load(spec).withListener(event -> {
            if (event.step().equals("squashfs")) {
                written.addAll(filesWithBytes(outDir));
            }
        }).build(raw);

        assertEquals(List.of("image", "lock"), written, "while the image is written, no copy of the tree is on disk,"
                + " only the image and the lock of the build's work directory");
    }

    /**
     * With a block store the image is the same, byte for byte; a second build takes every block from the store; a
     * file given other bytes of the same size is compressed again, and the image holds its new bytes.
     */
    @Test
    void build_raw_withBlockStore_sameImage_reusesBlocks_notStale() throws Exception {
        Path data = Files.createDirectories(spec.resolve("root/srv")).resolve("data.bin");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        java.util.Arrays.fill(bytes, 0, 100_000, (byte) 'a');
        Files.write(data, bytes);
        Files.writeString(spec.resolve("root/srv/small.txt"), "a small file\n");
        helloDir(spec, """
                [[copy]]
                from = "root"
                to = "/"
                """);
        Path store = temp.resolve("store");
        byte[] plain = rawImage(null, new ArrayList<>());
        List<String> cold = new ArrayList<>();
        assertTrue(java.util.Arrays.equals(plain, rawImage(store, cold)), "an empty store");
        List<String> warm = new ArrayList<>();
        assertTrue(java.util.Arrays.equals(plain, rawImage(store, warm)), "the filled store");
        assertTrue(cold.get(0).contains(" 0 from the block store"), cold.toString());
        assertTrue(warm.get(0).contains(" 0 blocks compressed"), warm.toString());

        for (int i = 0; i < bytes.length; i += 1000) {
            bytes[i] ^= 1; // in every block, at the same size
        }
        Files.write(data, bytes);
        byte[] changed = rawImage(store, new ArrayList<>());
        assertTrue(java.util.Arrays.equals(rawImage(null, new ArrayList<>()), changed), "not the stored old blocks");
        assertFalse(java.util.Arrays.equals(plain, changed));
    }

    /** The bytes of a raw image built with the block store {@code store} (or none); the writer's report to {@code report}. */
    private byte[] rawImage(Path store, List<String> report) throws Exception {
        Path raw = outDir.resolve("hello.raw");
        ImageBuilder.load(spec).withBlockStore(store).withForce(true).withEpoch(EPOCH).withListener(event -> {
            if (event.step().equals("squashfs")) {
                report.add(event.message());
            }
        }).build(raw);
        return Files.readAllBytes(raw);
    }

    @Test
    void build_ddi_writesTheFileSystemIntoItsPartition_withNoCopyOfIt() throws Exception {
        helloDir(spec, "");
        Path ddi = outDir.resolve("hello.raw");
        List<String> written = new ArrayList<>();

        BuiltImage image = ImageBuilder.load(spec).withFormat(ImageFormat.DDI).withListener(event -> {
            if (event.step().equals("squashfs")) {
                written.addAll(filesWithBytes(outDir));
            }
        }).build(ddi);

        assertEquals(List.of("image", "lock"), written, "the squashfs is written into the disk image itself");
        byte[] magic = new byte[4];
        try (var channel = java.nio.channels.FileChannel.open(image.path())) {
            channel.read(java.nio.ByteBuffer.wrap(magic), 1 << 20);
        }
        assertEquals("hsqs", new String(magic, java.nio.charset.StandardCharsets.US_ASCII),
                "the root partition, at 1 MiB, holds the squashfs");
    }

    /** The names of the non-empty regular files below {@code dir}. */
    private static List<String> filesWithBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> f.toFile().length() > 0).map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void build_directory_writesOsReleaseFromTheImageTable() throws Exception {
        helloDir(spec, """
                [os-release]
                NAME = "Hello"
                PRETTY_NAME = "Hello 1.0 (test)"
                """);
        Files.writeString(spec.resolve("portable.toml"), Files.readString(spec.resolve("portable.toml"))
                .replace("version = \"1.0\"", "version = \"1.0\"\npretty-name = \"Hello, \\\"portable\\\"\"\n"
                        + "prefixes = [\"hello\", \"hello-extra\"]"));

        ImageBuilder.load(spec).build(output);

        Map<String, String> osRelease = osRelease(output.resolve("usr/lib/os-release"));
        assertEquals("hello", osRelease.get("ID"));
        assertEquals("hello", osRelease.get("IMAGE_ID"));
        assertEquals("1.0", osRelease.get("IMAGE_VERSION"));
        assertEquals("Hello, \"portable\"", osRelease.get("PORTABLE_PRETTY_NAME"));
        assertEquals("hello hello-extra", osRelease.get("PORTABLE_PREFIXES"));
        assertEquals("Hello", osRelease.get("NAME"));
        assertEquals("Hello 1.0 (test)", osRelease.get("PRETTY_NAME"));
    }

    @Test
    void build_directory_withoutPrettyNameOrPrefixes_usesNameAndVersion() throws Exception {
        helloDir(spec, "[os-release]\nID = \"debian\"\n");

        ImageBuilder.load(spec).build(output);

        Map<String, String> osRelease = osRelease(output.resolve("usr/lib/os-release"));
        assertEquals("debian", osRelease.get("ID"));
        assertEquals("hello 1.0", osRelease.get("PORTABLE_PRETTY_NAME"));
        assertEquals("hello", osRelease.get("PORTABLE_PREFIXES"));
    }

    @Test
    void build_directory_createsMountPoints() throws Exception {
        helloDir(spec, "");
        Files.writeString(spec.resolve("hello.service"),
                SpecFixture.HELLO_UNIT + "CacheDirectory=hello/cache\nLogsDirectory=hello:hello-logs\n");

        ImageBuilder.load(spec).build(output);

        for (String file : List.of("etc/machine-id", "etc/resolv.conf")) {
            Path path = output.resolve(file);
            assertTrue(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS), file);
            assertEquals(0, Files.size(path), file);
        }
        for (String dir : List.of("proc", "sys", "dev", "run", "tmp", "var/tmp", "var/lib/hello", "var/cache/hello/cache",
                "var/log/hello")) {
            assertTrue(Files.isDirectory(output.resolve(dir), LinkOption.NOFOLLOW_LINKS), dir);
        }
        assertFalse(Files.exists(output.resolve("var/log/hello-logs")), "the part after ':' is a symlink name");
    }

    @Test
    void build_directory_keepsAMountPointTheSpecProvides() throws Exception {
        helloDir(spec, """
                [[file]]
                content = "nameserver 127.0.0.53\\n"
                to = "/etc/resolv.conf"
                """);

        ImageBuilder.load(spec).build(output);

        assertEquals("nameserver 127.0.0.53\n", Files.readString(output.resolve("etc/resolv.conf")));
    }

    @Test
    void build_directory_rootIs0755AndEveryTimeIsTheEpoch() throws Exception {
        Files.createDirectories(spec.resolve("root/srv/www"));
        write(spec.resolve("root/srv/www/index.html"), "hi");
        Files.setPosixFilePermissions(spec.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(spec.resolve("root/srv/current"), Path.of("www"));
        helloDir(spec, """
                [[copy]]
                from = "root"

                [[symlink]]
                path = "/bin"
                target = "usr/bin"

                [[directory]]
                path = "/srv/empty"
                mode = "0700"
                """);

        ImageBuilder.load(spec).withEpoch(EPOCH).build(output);

        assertEquals("rwxr-xr-x", mode(output));
        assertEquals("rwx------", mode(output.resolve("srv/empty")));
        assertEquals(Path.of("www"), Files.readSymbolicLink(output.resolve("srv/current")));
        List<String> wrongTimes = new ArrayList<>();
        FileTime expected = FileTime.fromMillis(EPOCH * 1000);
        try (Stream<Path> paths = Files.walk(output)) {
            for (Path path : paths.toList()) {
                FileTime time = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .lastModifiedTime();
                if (!time.equals(expected)) {
                    wrongTimes.add(output.relativize(path) + " " + time);
                }
            }
        }
        assertEquals(List.of(), wrongTimes);
    }

    @Test
    void build_directory_withoutEpoch_givesEveryFileTime0() throws Exception {
        helloDir(spec, "");

        ImageBuilder.load(spec).build(output);

        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(output.resolve("usr/bin/hello")));
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(output));
    }

    @Test
    void build_directory_reportsProgressToTheListener() throws Exception {
        helloDir(spec, "");
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(spec).withListener(events::add).build(output);

        assertEquals(List.of("tree", "units", "exec", "os-release", "mount-points", "write", "done"),
                events.stream().map(BuildEvent::step).distinct().toList());
        assertEquals("hello.service", events.stream().filter(e -> e.step().equals("units")).findFirst()
                .orElseThrow().message());
    }

    @Test
    void build_whenOutputExistsAndForce_replacesIt() throws Exception {
        helloDir(spec, "");
        write(output.resolve("usr/lib/os-release"), "ID=hello\n");
        write(output.resolve("stale"), "old");

        ImageBuilder.load(spec).withForce(true).build(output);

        assertFalse(Files.exists(output.resolve("stale")));
        assertTrue(Files.isRegularFile(output.resolve("usr/lib/os-release")));
        assertEquals(List.of("hello"), names(outDir), "the old image is not left aside");
    }

    @Test
    void build_whenOutputFileExistsAndForce_replacesIt() throws Exception {
        helloDir(spec, "");
        output = outDir.resolve("hello.img");
        write(output, "old");

        ImageBuilder.load(spec).withForce(true).withFormat(ImageFormat.DIRECTORY).build(output);

        assertTrue(Files.isDirectory(output));
        assertEquals(List.of("hello.img"), names(outDir));
    }

    @Test
    void build_whenExecStartIsABusyboxSymlinkInsideTheImage_accepts() throws Exception {
        // the fixture's static program, as busybox would be installed
        SpecFixture.specDir(spec, """
                [image]
                name = "hello"
                version = "1.0"
                units = ["hello.service"]

                [[file]]
                from = "sh"
                to = "/usr/bin/busybox"

                [[symlink]]
                path = "/usr/bin/sh"
                target = "busybox"

                [[symlink]]
                path = "/bin"
                target = "/usr/bin"
                """, "[Service]\nExecStartPre=/bin/sh -c true\nExecStart=sh -c true\n");

        BuiltImage image = ImageBuilder.load(spec).build(output);

        assertEquals(List.of(UnitName.parse("hello.service")), image.units());
    }

    @Test
    void build_whenTheProgramsLoaderAndLibrariesAreInTheImage_accepts() throws Exception {
        Files.write(spec.resolve("app"), TestElf.program().needs("libssl.so.3", "libc.so.6").bytes());
        Files.write(spec.resolve("ld.so"), TestElf.loader().bytes());
        Files.write(spec.resolve("libc.so.6"), TestElf.library("libc.so.6").needs("ld-linux-x86-64.so.2").bytes());
        Files.write(spec.resolve("libssl.so.3"), TestElf.library("libssl.so.3").needs("libc.so.6").bytes());
        SpecFixture.specDir(spec, SpecFixture.helloSpec(SpecFixture.APP + SpecFixture.LOADER_AND_LIBC + """

                [[file]]
                from = "libssl.so.3"
                to = "/opt/ssl/libssl.so.3"

                [[file]]
                content = "include /etc/ld.so.conf.d/*.conf\\n"
                to = "/etc/ld.so.conf"

                [[file]]
                content = "/opt/ssl\\n"
                to = "/etc/ld.so.conf.d/ssl.conf"
                """), SpecFixture.HELLO_UNIT.replace("/usr/bin/hello", "/usr/bin/app"));
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(spec).withListener(events::add).build(output);

        assertTrue(events.contains(new BuildEvent("exec", "1 programs found in the image")), events.toString());
    }

    @Test
    void build_whenTheSpecShipsUsrLibOsRelease_warnsThatTheWrittenOneReplacesIt() throws Exception {
        SpecFixture.specDir(spec, SpecFixture.helloSpec("""

                [[file]]
                content = "ID=evil\\n"
                to = "/usr/lib/os-release"
                """), SpecFixture.HELLO_UNIT);
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(spec).withListener(events::add).build(output);

        assertEquals(List.of("the tree's /usr/lib/os-release is replaced by the one portajava writes; put the fields"
                + " it should keep in [os-release]"),
                events.stream().filter(BuildEvent::warning).map(BuildEvent::message).toList());
        assertEquals("hello", osRelease(output.resolve("usr/lib/os-release")).get("ID"));
    }

    @Test
    void build_whenACommandWithTheMinusPrefixCannotStart_warnsAndBuilds_asSystemdSkipsIt() throws Exception {
        Files.write(spec.resolve("app"), TestElf.program().bytes());
        SpecFixture.specDir(spec, SpecFixture.helloSpec(SpecFixture.APP), SpecFixture.HELLO_UNIT.replace("ExecStart=",
                "ExecStartPre=-/usr/bin/prepare\nExecStartPost=-/usr/bin/app\nExecStart="));
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(spec).withListener(events::add).build(output);

        assertEquals(List.of("unit /usr/lib/systemd/system/hello.service line 5 ExecStartPre=/usr/bin/prepare: no such"
                + " program in the image; with the '-' prefix the service starts without it",
                "unit /usr/lib/systemd/system/hello.service line 6 ExecStartPost=/usr/bin/app: its interpreter"
                + " /lib64/ld-linux-x86-64.so.2 is not in the image; with the '-' prefix the service starts without it"),
                events.stream().filter(BuildEvent::warning).map(BuildEvent::message).toList());
        assertTrue(Files.isRegularFile(output.resolve("usr/bin/app")));
    }

    @Test
    void build_whenABareCommandIsInTheExecSearchPath_accepts() throws Exception {
        SpecFixture.specDir(spec, SpecFixture.helloSpec("""
                [[file]]
                from = "sh"
                to = "/opt/app/bin/app"
                """), "[Service]\nExecSearchPath=/opt/app/bin\nExecStart=app --serve\n");

        BuiltImage image = ImageBuilder.load(spec).build(output);

        assertEquals(List.of(UnitName.parse("hello.service")), image.units());
    }

    @Test
    void build_whenLibIsAnAbsoluteSymlinkToUsrLib_looksForUnitsInsideTheImageOnly() throws Exception {
        // a host directory that the image's /lib would name if the link were followed on the build host
        write(temp.resolve("host/lib/systemd/system/foreign.service"), "[Service]\nExecStart=/usr/bin/foreign\n");
        helloDir(spec, """
                [[symlink]]
                path = "/lib"
                target = "%s"
                """.formatted(temp.resolve("host/lib")));

        BuiltImage image = ImageBuilder.load(spec).build(output);

        assertEquals(List.of(UnitName.parse("hello.service")), image.units());
    }

    @Test
    void build_whenEtcIsASymlinkToAHostDirectory_doesNotTakeTheHostsFilesForMountPoints() throws Exception {
        Path hostEtc = Files.createDirectories(temp.resolve("host/etc"));
        write(hostEtc.resolve("machine-id"), "");
        write(hostEtc.resolve("resolv.conf"), "");
        helloDir(spec, """
                [[symlink]]
                path = "/etc"
                target = "%s"
                """.formatted(hostEtc));

        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSpecException.class,
                () -> ImageBuilder.load(spec).build(output));

        assertTrue(e.getMessage().contains("/etc/machine-id passes through the symlink /etc"), e.getMessage());
        assertEquals(List.of(), names(outDir));
        assertEquals(List.of("machine-id", "resolv.conf"), names(hostEtc));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** os-release as a user's shell would read it: KEY=value, double-quoted values unescaped. */
    private static Map<String, String> osRelease(Path file) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            String value = line.substring(eq + 1);
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            fields.put(line.substring(0, eq), value);
        }
        return fields;
    }
}
