package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portajava.attach.CopyMode;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the native backend writes in {@code 20-portable.conf} after the marker line, version by version, as that
 * version's portabled writes it (checked against the real ones by NativeCompatibilityIT): 257 logs the image's name
 * and version from {@code IMAGE_ID=} and {@code IMAGE_VERSION=}; 262 also pins the image policy of a raw image,
 * derived from what the image holds.
 */
class VersionedDropInTest {

    private static final String OS_RELEASE = "ID=app\nIMAGE_ID=app\nIMAGE_VERSION=1.0\nPORTABLE_PREFIXES=app\n";

    @TempDir
    Path dir;

    private Path root;
    private FakeUnits units;
    private NativeImages images;
    private Path squashfs;

    @BeforeEach
    void host() throws Exception {
        root = TestTrees.host(dir);
        units = new FakeUnits();
        images = new NativeImages(new HostTree(root, false), units, Optional.empty(), StepHook.NONE);
        Path tree = TestTrees.imageWithOsRelease(dir.resolve("tree"), "1", OS_RELEASE, "app.service");
        squashfs = dir.resolve("fs.squashfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, squashfs);
    }

    /** The service section's lines after {@code RootImage=}/{@code RootDirectory=} and {@code Environment=}. */
    private String attach(String version, Path image) throws Exception {
        units.version = version;
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        List<String> lines = Files.readAllLines(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"));
        return String.join("\n", lines.subList(5, lines.size()));
    }

    private Path raw(String name) throws Exception {
        Path image = Files.createDirectories(dir.resolve(name)).resolve("app_1.raw");
        return Files.copy(squashfs, image);
    }

    @Test
    void attach_systemd257_logsTheImageIdAndImageVersion() throws Exception {
        assertEquals("LogExtraFields=PORTABLE=app_1.raw\nLogExtraFields=PORTABLE_NAME_AND_VERSION=app_1.0",
                attach("257.13-1~deb13u1", raw("plain")));
    }

    @Test
    void nameAndVersion_prefersTheImageFields_andTakesEitherAlone() {
        assertEquals(Optional.of("app_2"), PortableDropIn.nameAndVersion(java.util.Map.of("ID", "debian",
                "IMAGE_ID", "app", "VERSION_ID", "12", "IMAGE_VERSION", "2")));
        assertEquals(Optional.of("debian_12"), PortableDropIn.nameAndVersion(java.util.Map.of("ID", "debian",
                "VERSION_ID", "12", "BUILD_ID", "b7")));
        assertEquals(Optional.of("b7"), PortableDropIn.nameAndVersion(java.util.Map.of("BUILD_ID", "b7")));
        assertEquals(Optional.of("app"), PortableDropIn.nameAndVersion(java.util.Map.of("ID", "app")));
        assertEquals(Optional.empty(), PortableDropIn.nameAndVersion(java.util.Map.of("NAME", "App")));
    }

    @Test
    void attach_systemd262_bareSquashfs_pinsASquashfsRootAndNothingElse() throws Exception {
        assertEquals("LogExtraFields=PORTABLE=app_1.raw\nRootImagePolicy=root=squashfs:=absent\n"
                + "LogExtraFields=PORTABLE_NAME_AND_VERSION=app_1.0", attach("262.1-1", raw("plain")));
    }

    @Test
    void attach_systemd262_bareSquashfsWithARootHash_pinsVerity() throws Exception {
        Path image = raw("roothash");
        Files.writeString(dir.resolve("roothash/app_1.roothash"), "ab".repeat(32));
        assertEquals("root=verity+squashfs:=absent", policy(attach("262.1-1", image)));
    }

    @Test
    void attach_systemd262_bareSquashfsWithItsHashDevice_pinsSigned() throws Exception {
        Path image = raw("sidecars");
        Files.writeString(dir.resolve("sidecars/app_1.roothash"), "ab".repeat(32));
        Files.write(dir.resolve("sidecars/app_1.verity"), new byte[4096]);
        assertEquals("root=signed+squashfs:=absent", policy(attach("262.1-1", image)));
    }

    @Test
    void attach_systemd262_diskImage_pinsEveryPartitionWithItsFlags() throws Exception {
        Path ddi = Files.createDirectories(dir.resolve("ddi")).resolve("app_1.raw");
        DiskImageWriter.write(squashfs, ddi, Architecture.ofThisMachine().orElseThrow(), Optional.empty());
        assertEquals("root=verity+read-only-on+growfs-off+squashfs:root-verity=read-only-on+growfs-off:=absent",
                policy(attach("262.1-1", ddi)));
    }

    @Test
    void attach_systemd262_directory_pinsNoPolicy() throws Exception {
        Path directory = TestTrees.imageWithOsRelease(dir.resolve("directory"), "1", OS_RELEASE, "app.service");
        assertEquals("LogExtraFields=PORTABLE=app_1\nLogExtraFields=PORTABLE_NAME_AND_VERSION=app_1.0",
                attach("262.1-1", directory));
    }

    @Test
    void attach_systemd257_raw_pinsNoPolicy() throws Exception {
        assertFalse(attach("257.13-1~deb13u1", raw("plain")).contains("RootImagePolicy="));
    }

    @Test
    void attach_systemd262_rootHashThatIsADirectory_isRefusedAndNothingWritten() throws Exception {
        Path image = raw("directory-hash");
        Files.createDirectory(dir.resolve("directory-hash/app_1.roothash"));
        units.version = "262.1-1";
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> images.attachImage(image.toString(), List.of(),
                List.of(), "strict", false, CopyMode.AUTO, false));
        assertEquals(dir.resolve("directory-hash/app_1.roothash") + ": not a readable file, where systemd reads the"
                + " image's verity data; portabled refuses the image", e.getMessage());
        assertEquals(List.of(), TestTrees.listing(root));
    }

    @Test
    void attach_systemd262_rootHashThatIsNoRootHash_isRefused() throws Exception {
        for (String text : new String[] {"zz not hex", "abcd", "00".repeat(32)}) {
            Path image = raw("bad-hash-" + text.length() + text.charAt(0));
            Files.writeString(image.resolveSibling("app_1.roothash"), text);
            units.version = "262.1-1";
            assertThrows(InvalidImageException.class, () -> images.attachImage(image.toString(), List.of(), List.of(), "strict",
                    false, CopyMode.AUTO, false), text);
            assertEquals(List.of(), TestTrees.listing(root));
        }
    }

    @Test
    void attach_systemd257_rootHashThatIsADirectory_isIgnoredAsPortabledIgnoresIt() throws Exception {
        Path image = raw("directory-hash");
        Files.createDirectory(dir.resolve("directory-hash/app_1.roothash"));
        assertFalse(attach("257.13-1~deb13u1", image).contains("RootImagePolicy="));
    }

    private static String policy(String lines) {
        return lines.lines().filter(l -> l.startsWith("RootImagePolicy=")).findFirst().orElse("none")
                .substring("RootImagePolicy=".length());
    }
}
