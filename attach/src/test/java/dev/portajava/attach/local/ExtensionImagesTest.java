package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.CopyMode;
import dev.portajava.attach.DetachRequest;
import dev.portajava.attach.DetachResult;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.Portables;
import dev.portajava.attach.UnitStatus;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extension images layered on a portable image by the native backend, as systemd 252's and 257's portabled layer
 * them (the texts below are theirs, seen on those versions; ExtensionsIT compares with the real ones).
 */
class ExtensionImagesTest {

    private static final String BASE_RELEASE = "# the runtime\nID=debian\nVERSION_ID=\"12\"\nPORTABLE_PREFIXES=base\n";

    @TempDir
    Path dir;

    private Path root;
    private FakeUnits units;
    private NativeImages images;
    private Path base;
    private Path app0;
    private Path app1;

    @BeforeEach
    void host() throws Exception {
        root = TestTrees.host(dir);
        units = new FakeUnits();
        images = new NativeImages(new HostTree(root, false), units, Optional.empty(), StepHook.NONE);
        base = TestTrees.imageWithOsRelease(dir, "0", BASE_RELEASE, "base.service", "app0-shared.service")
                .resolveSibling("base");
        Files.move(dir.resolve("app_0"), base);
        app0 = TestTrees.extension(dir, "app0", "app0", release("app0"), "app0.service", "app0.timer",
                "app0-shared.service");
        app1 = TestTrees.extension(dir, "app1", "app1", release("app1"), "app1.service", "app0-shared.service");
    }

    private static String release(String app) {
        return "ID=debian\nVERSION_ID=12\nSYSEXT_SCOPE=portable\nPORTABLE_PREFIXES=" + app + "\n";
    }

    private String dropIn(String unit) throws Exception {
        return Files.readString(root.resolve("etc/systemd/system.attached/" + unit + ".d/20-portable.conf"));
    }

    private void attach(List<Path> extensions, String... matches) throws Exception {
        images.attachImage(base.toString(), extensions.stream().map(Path::toString).toList(), List.of(matches),
                "strict", false, CopyMode.SYMLINK, false);
    }

    @Test
    void attach_twoExtensionDirectories_writesWhatPortabled252Writes() throws Exception {
        attach(List.of(app0, app1), "app0", "app1", "base");

        String marker = "# Drop-in created for image '" + base + ":" + app0 + ":" + app1 + "', do not edit.\n";
        String extensions = "ExtensionDirectories=" + app0 + "\nExtensionDirectories=" + app1 + "\n";
        assertEquals(marker + "\n[Service]\nRootDirectory=" + base + "\nEnvironment=PORTABLE=app0\n"
                + "BindReadOnlyPaths=/etc/os-release:/run/host/os-release\nLogExtraFields=PORTABLE=app0\n" + extensions,
                dropIn("app0.service"));
        assertEquals(marker + "\n[Service]\nRootDirectory=" + base + "\nEnvironment=PORTABLE=app1\n"
                + "BindReadOnlyPaths=/etc/os-release:/run/host/os-release\nLogExtraFields=PORTABLE=app1\n" + extensions,
                dropIn("app1.service"));
        assertEquals(marker + "\n[Service]\nRootDirectory=" + base + "\nEnvironment=PORTABLE=base\n"
                + "BindReadOnlyPaths=/etc/os-release:/run/host/os-release\nLogExtraFields=PORTABLE=base\n",
                dropIn("base.service"), "a unit of the base image runs without the extensions");
        assertEquals(marker, dropIn("app0.timer"));
        Path attached = root.resolve("etc/systemd/system.attached");
        assertEquals(base.resolve("usr/lib/systemd/system/app0-shared.service"),
                Files.readSymbolicLink(attached.resolve("app0-shared.service")), "the first image's unit is taken");
        assertEquals(app1.resolve("usr/lib/systemd/system/app1.service"),
                Files.readSymbolicLink(attached.resolve("app1.service")));
        for (Path image : List.of(base, app0, app1)) {
            assertEquals(image, Files.readSymbolicLink(root.resolve("etc/portables/" + image.getFileName())));
        }
        assertEquals(ImageState.ATTACHED, images.imageState(base.toString(), List.of(app0.toString(), app1.toString())));
        assertEquals(ImageState.DETACHED, images.imageState(base.toString(), List.of(app1.toString())));
    }

    @Test
    void attach_anExtensionOnSystemd257_logsTheRootAndTheExtension() throws Exception {
        units.version = "257.13-1";
        attach(List.of(app0), "app0");

        assertEquals("# Drop-in created for image '" + base + ":" + app0 + "', do not edit.\n\n[Service]\n"
                + "RootDirectory=" + base + "\nEnvironment=PORTABLE=app0\nLogExtraFields=PORTABLE=app0\n"
                + "Environment=PORTABLE_ROOT=base\nLogExtraFields=PORTABLE_ROOT=base\n"
                + "LogExtraFields=PORTABLE_ROOT_NAME_AND_VERSION=debian_12\n\nExtensionDirectories=" + app0
                + "\nLogExtraFields=PORTABLE_EXTENSION=app0\n", dropIn("app0.service"));
    }

    @Test
    void attach_rawExtensionWithForce_relaxesTheReleaseNameCheck_whichWithoutItIsRefused() throws Exception {
        Path renamed = TestTrees.extension(dir.resolve("renamed"), "tree", "other", release("app1"), "app1.service");
        Path raw = dir.resolve("app1_5.raw");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(renamed, raw);

        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> images.attachImage(
                base.toString(), List.of(raw.toString()), List.of("app1"), "strict", false, CopyMode.AUTO, false));
        assertEquals("Image '" + raw + "' lacks extension-release data, refusing.", refused.getMessage());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));

        images.attachImage(base.toString(), List.of(raw.toString()), List.of("app1"), "strict", false, CopyMode.AUTO,
                true);
        assertTrue(dropIn("app1.service").endsWith("\nExtensionImages=" + raw
                + ":x-systemd.relax-extension-release-check\n"), dropIn("app1.service"));
    }

    @Test
    void attach_refusesAnExtensionThatDoesNotFitTheBase_beforeWritingAnything() throws Exception {
        for (String release : List.of("ID=fedora\nVERSION_ID=12\n", "ID=debian\nVERSION_ID=11\n",
                "ID=debian\nVERSION_ID=12\nSYSEXT_SCOPE=system\n", "ID=debian\n")) {
            Path bad = TestTrees.extension(Files.createTempDirectory(dir, "bad"), "app0", "app0",
                    release + "PORTABLE_PREFIXES=app0\n", "app0.service");
            InvalidImageException refused = assertThrows(InvalidImageException.class, () -> attach(List.of(bad),
                    "app0"), release);
            assertTrue(refused.getMessage().startsWith("Image " + bad + " extension-release metadata does not match"
                    + " the root's: "), refused.getMessage());
            assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")), release);
        }
        Path any = TestTrees.extension(dir.resolve("any"), "app0", "app0", "ID=_any\nPORTABLE_PREFIXES=app0\n",
                "app0.service");
        attach(List.of(any), "app0");
        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/app0.service"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void attach_matchesOutsideThePrefixesOfTheBaseAndItsExtensions_areRefused() {
        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> attach(List.of(app0),
                "app1"));
        assertEquals("Selected matches 'app1' are not compatible with portable service image '" + base
                + "' or any of its extensions '" + app0 + "', refusing. (Acceptable prefix matches are: app0, base)",
                refused.getMessage());
    }

    @Test
    void detach_afterAnExtensionWasDeleted_removesEverythingItAttached() throws Exception {
        attach(List.of(app0, app1), "app0", "app1");
        TestTrees.delete(app1);

        images.detachImage(base.toString(), List.of(app0.toString(), app1.toString()), false);

        assertEquals(List.of(), TestTrees.listing(root).stream().filter(line -> !line.endsWith(" /etc/portables"))
                .toList(), "all but the emptied /etc/portables, which portabled leaves too");
    }

    /**
     * {@code detach --now --enable} finds the units to stop and disable from what is attached, not from the images:
     * after an extension was deleted it stops and disables them all and detaches, through portabled as natively.
     */
    @ParameterizedTest
    @ValueSource(strings = {"native", "portabled"})
    void detachNowEnable_afterAnExtensionWasDeleted_stopsAndDisablesWhatIsAttachedAndDetaches(String backend)
            throws Exception {
        attach(List.of(app0, app1), "app0", "app1");
        List<String> attached = List.of("app0-shared.service", "app0.service", "app0.timer", "app1.service");
        for (String unit : attached) {
            units.start(unit, Duration.ZERO, Duration.ZERO);
        }
        TestTrees.write(root.resolve("etc/machine-id"), units.machineId + "\n");
        TestTrees.delete(app1);
        HostConnection host = new NativeHost(images, units);
        HostConnection connection = backend.equals("native") ? host : new PortabledHost(host, new HostTree(root, false));

        DetachResult result = new Portables(() -> connection).detach(new DetachRequest(base.toString(),
                List.of(app0.toString(), app1.toString()), List.of(), false, true, true, false));

        assertEquals(attached, result.stopped().stream().map(UnitStatus::unit).sorted().toList());
        assertEquals(List.of(), List.copyOf(units.active));
        assertEquals(attached, units.disabled.stream().sorted().toList());
        assertEquals(List.of(), TestTrees.listing(root).stream().filter(line -> !line.endsWith(" /etc/portables")
                && !line.contains("/etc/machine-id")).toList());
    }

    /** With prefixes, only the attached units of those prefixes are stopped. */
    @Test
    void detachNow_withAPrefix_stopsOnlyTheAttachedUnitsOfThatPrefix() throws Exception {
        attach(List.of(app0, app1), "app0", "app1");
        units.start("app1.service", Duration.ZERO, Duration.ZERO);
        TestTrees.delete(app1);

        DetachResult result = new Portables(() -> new NativeHost(images, units)).detach(new DetachRequest(
                base.toString(), List.of(app0.toString(), app1.toString()), List.of("app1"), false, false, true, true));

        assertEquals(List.of("app1.service"), result.stopped().stream().map(UnitStatus::unit).toList());
    }

    @Test
    void detach_withAnotherExtension_findsNothing() throws Exception {
        attach(List.of(app0), "app0");

        assertThrows(dev.portajava.attach.NotAttachedException.class,
                () -> images.detachImage(base.toString(), List.of(app1.toString()), false));
        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/app0.service"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void metadata_holdsTheReleaseFilesAsTheImagesHoldThem() throws Exception {
        ImageMetadata metadata = images.imageMetadata(base.toString(), List.of(app0.toString()), List.of(), false);

        assertEquals(BASE_RELEASE, metadata.osReleaseText());
        assertEquals("12", metadata.osRelease().get("VERSION_ID"));
        assertEquals(java.util.Map.of(app0.toString(), release("app0")), metadata.extensionReleases());
        assertEquals(List.of("app0-shared.service", "app0.service", "app0.timer", "base.service"),
                List.copyOf(metadata.units().keySet()));
    }

    @Test
    void attach_anExtensionWhoseReleaseFileIsAFifo_isRefusedWithoutBlocking() throws Exception {
        Path release = app0.resolve("usr/lib/extension-release.d/extension-release.app0");
        Files.delete(release);
        Process mkfifo = new ProcessBuilder("mkfifo", release.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0);

        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> attach(List.of(app0),
                "app0"));
        assertEquals(app0 + ": /usr/lib/extension-release.d/extension-release.app0 is a FIFO, not a regular file",
                refused.getMessage());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }

    @Test
    void attach_twoExtensionsOfTheSameName_isRefused() throws Exception {
        Path again = TestTrees.extension(dir.resolve("again"), "app0", "app0", release("app0"), "app0.service");

        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> attach(List.of(app0, again),
                "app0"));
        assertEquals("extension images " + app0 + " and " + again + " have the same name 'app0'; portabled takes each"
                + " extension name once", refused.getMessage());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }

    @Test
    void attach_anExtensionWhoseUnitLeavesTheImage_isRefused() throws Exception {
        Files.delete(app0.resolve("usr/lib/systemd/system/app0.service"));
        Files.createSymbolicLink(app0.resolve("usr/lib/systemd/system/app0.service"), Path.of("/etc/shadow"));

        InvalidImageException refused = assertThrows(InvalidImageException.class, () -> attach(List.of(app0),
                "app0"));
        assertTrue(refused.getMessage().contains("app0.service is a symlink to /etc/shadow, which leaves the image"),
                refused.getMessage());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }
}
