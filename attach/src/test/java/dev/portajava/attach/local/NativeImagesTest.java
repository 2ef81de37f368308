package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.UnreadableImageException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeImagesTest {

    @TempDir
    Path dir;

    private Path root;
    private FakeUnits units;
    private NativeImages images;

    @BeforeEach
    void host() throws Exception {
        root = TestTrees.host(dir);
        units = new FakeUnits();
        images = new NativeImages(new HostTree(root, false), units, Optional.empty(), StepHook.NONE);
    }

    @Test
    void attach_directoryImage_writesWhatPortabled252Writes() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service", "app.socket", "other.service");

        List<Change> changes = images.attachImage(image.toString(), List.of(), List.of("app"), "strict", false, CopyMode.AUTO, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertEquals("# Drop-in created for image '" + image + "', do not edit.\n\n[Service]\nRootDirectory=" + image
                + "\nEnvironment=PORTABLE=app_1\nBindReadOnlyPaths=/etc/os-release:/run/host/os-release\n"
                + "LogExtraFields=PORTABLE=app_1\n", Files.readString(attached.resolve("app.service.d/20-portable.conf")));
        assertEquals("# Drop-in created for image '" + image + "', do not edit.\n",
                Files.readString(attached.resolve("app.socket.d/20-portable.conf")));
        assertEquals(Path.of("/usr/lib/systemd/portable/profile/strict/service.conf"),
                Files.readSymbolicLink(attached.resolve("app.service.d/10-profile.conf")));
        assertFalse(Files.exists(attached.resolve("app.socket.d/10-profile.conf"), LinkOption.NOFOLLOW_LINKS),
                "strict has no socket.conf");
        assertFalse(Files.exists(attached.resolve("other.service")), "not matched");
        assertEquals(Files.readString(image.resolve("usr/lib/systemd/system/app.service")),
                Files.readString(attached.resolve("app.service")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(attached.resolve("app.service"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(attached.resolve("app.service.d"))));
        assertEquals(image, Files.readSymbolicLink(root.resolve("etc/portables/app_1")));
        assertEquals(List.of(ChangeType.MKDIR, ChangeType.MKDIR, ChangeType.WRITE, ChangeType.SYMLINK, ChangeType.COPY,
                ChangeType.MKDIR, ChangeType.WRITE, ChangeType.COPY, ChangeType.SYMLINK),
                changes.stream().map(Change::type).toList());
        assertEquals(ImageState.ATTACHED, images.imageState(image.toString(), List.of()));
    }

    @Test
    void attach_copyMode_copiesTheProfileAndRuntimeWritesUnderRun() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");

        images.attachImage(image.toString(), List.of(), List.of(), "strict", true, CopyMode.COPY, false);

        Path dropIn = root.resolve("run/systemd/system.attached/app.service.d/10-profile.conf");
        assertFalse(Files.isSymbolicLink(dropIn));
        assertEquals(TestTrees.STRICT, Files.readString(dropIn));
        assertTrue(Files.isSymbolicLink(root.resolve("run/portables/app_1")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        assertEquals(ImageState.ATTACHED_RUNTIME, images.imageState("app", List.of()));
    }

    @Test
    void attach_mixedOnSystemd256_copiesTheImageIntoPortables_andDetachRemovesOnlyTheCopy() throws Exception {
        units.version = "257.13-1";
        Path image = TestTrees.image(dir, "1", "app.service");
        Files.createSymbolicLink(image.resolve("usr/bin-link"), Path.of("lib"));
        List<String> before = TestTrees.snapshot(image);

        List<Change> changes = images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.MIXED,
                false);

        Path copy = root.resolve("etc/portables/app_1");
        assertFalse(Files.isSymbolicLink(copy), "a copy, not a link");
        assertEquals(before, TestTrees.snapshot(copy), "the same tree: files, modes, symlinks");
        assertEquals(new Change(ChangeType.COPY, copy.toString(), image.toString()), changes.get(changes.size() - 1));
        Path attached = root.resolve("etc/systemd/system.attached");
        assertTrue(Files.isSymbolicLink(attached.resolve("app.service.d/10-profile.conf")), "the profile is linked");
        assertFalse(Files.isSymbolicLink(attached.resolve("app.service")), "the unit is copied");

        images.detachImage(image.toString(), List.of(), false);

        assertFalse(Files.exists(copy, LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, TestTrees.snapshot(image), "the image itself is untouched");
    }

    @Test
    void attach_symlinkModeOfADirectoryImage_linksTheUnitIntoTheImage() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");

        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.SYMLINK, false);

        assertEquals(image.resolve("usr/lib/systemd/system/app.service"),
                Files.readSymbolicLink(root.resolve("etc/systemd/system.attached/app.service")));
    }

    @Test
    void attach_builtInProfileTheHostLacks_writesItsDropIn() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");

        images.attachImage(image.toString(), List.of(), List.of(), "trusted", false, CopyMode.AUTO, false);

        String dropIn = Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/10-profile.conf"));
        assertTrue(dropIn.contains("BindPaths=/run"), dropIn);
    }

    @Test
    void attach_systemd254_dropsTheOsReleaseBindAndLogsTheImageVersion() throws Exception {
        units.version = "254.5";
        Path image = TestTrees.image(dir, "1", "app.service");

        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        String dropIn = Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"));
        assertFalse(dropIn.contains("BindReadOnlyPaths"), dropIn);
        assertTrue(dropIn.endsWith("LogExtraFields=PORTABLE=app_1\nLogExtraFields=PORTABLE_NAME_AND_VERSION=app_1\n"), dropIn);
    }

    @Test
    void attach_unitOfThatNameOnTheHost_refusesAndWritesNothing() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        TestTrees.write(root.resolve("usr/lib/systemd/system/app.service"), "[Service]\n");

        AttachConflictException e = assertThrows(AttachConflictException.class,
                () -> images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));

        assertEquals("Unit file 'app.service' exists on the host already, refusing.", e.getMessage());
        assertEquals(List.of(), TestTrees.listing(root));
    }

    @Test
    void attach_force_attachesDespiteTheHostUnit() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        TestTrees.write(root.resolve("etc/systemd/system/app.service"), "[Service]\n");

        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, true);

        assertTrue(Files.exists(root.resolve("etc/systemd/system.attached/app.service")));
    }

    @Test
    void attach_activeUnit_refuses() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        units.active.add("app.service");

        AttachConflictException e = assertThrows(AttachConflictException.class,
                () -> images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));
        assertEquals("Unit file 'app.service' is active already, refusing.", e.getMessage());
    }

    @Test
    void attach_twice_refusesTheSecond() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        assertThrows(AttachConflictException.class,
                () -> images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));
    }

    @Test
    void attach_badImages_areRefusedBeforeAnythingIsWritten() throws Exception {
        Path noUnits = TestTrees.image(dir, "1", "other.service");
        Path noId = TestTrees.imageWithOsRelease(dir.resolve("x"), "1", "VERSION_ID=1\n", "app.service");
        Path noOsRelease = Files.createDirectories(dir.resolve("y/app_1/usr/lib/systemd/system"));
        TestTrees.write(noOsRelease.resolve("app.service"), "[Service]\n");

        assertEquals("Couldn't find any matching unit files in image '" + noUnits + "', refusing.", assertThrows(
                InvalidImageException.class, () -> images.attachImage(noUnits.toString(), List.of(), List.of("app"), "strict",
                        false, CopyMode.AUTO, false)).getMessage());
        assertEquals("Image " + noId + " os-release metadata lacks the ID field", assertThrows(
                InvalidImageException.class, () -> images.attachImage(noId.toString(), List.of(), List.of(), "strict",
                        false, CopyMode.AUTO, false)).getMessage());
        assertTrue(assertThrows(InvalidImageException.class, () -> images.attachImage(noUnits.toString(), List.of(),
                List.of("other"), "strict", false, CopyMode.AUTO, false)).getMessage()
                .contains("Acceptable prefix matches are: app"));
        assertTrue(assertThrows(InvalidImageException.class, () -> images.attachImage(
                dir.resolve("y/app_1").toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false)).getMessage()
                .contains("lacks os-release data"));
        assertEquals(List.of(), TestTrees.listing(root));
    }

    @Test
    void attach_squashfsImage_isReadInJava_andRunsFromRootImage() throws Exception {
        Path tree = TestTrees.image(dir.resolve("tree"), "1", "app.service");
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.createSymbolicLink(tree.resolve("etc"), Path.of("usr/lib")); // os-release found through a symlink
        Path raw = dir.resolve("app_1.raw");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, raw);

        images.attachImage(raw.toString(), List.of(), List.of("app"), "strict", false, CopyMode.SYMLINK, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertFalse(Files.isSymbolicLink(attached.resolve("app.service")), "units out of raw images are copied");
        assertEquals(Files.readString(tree.resolve("usr/lib/systemd/system/app.service")),
                Files.readString(attached.resolve("app.service")));
        assertTrue(Files.readString(attached.resolve("app.service.d/20-portable.conf"))
                .contains("RootImage=" + raw + "\nEnvironment=PORTABLE=app_1.raw\n"));
        assertEquals(raw, Files.readSymbolicLink(root.resolve("etc/portables/app_1.raw")));
    }

    @Test
    void attach_rawImageThatIsNoImage_isRefusedAsBadInput() throws Exception {
        Path zeros = dir.resolve("app_2.raw");
        Files.write(zeros, new byte[512]);
        Path damaged = dir.resolve("app_3.raw");
        Files.write(damaged, new byte[] {'h', 's', 'q', 's', 0, 0, 0, 0});

        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> images.attachImage(
                zeros.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));
        assertEquals(zeros + ": neither a squashfs file system nor a GPT disk image (it starts with 0x0000000000000000)",
                e.getMessage());
        assertTrue(assertThrows(InvalidImageException.class, () -> images.attachImage(damaged.toString(), List.of(), List.of(),
                "strict", false, CopyMode.AUTO, false)).getMessage().startsWith(damaged + ": cannot read its squashfs"));
        assertEquals(List.of(), TestTrees.listing(root));
    }

    @Test
    void attach_whenTheFileSystemRefusesWrites_saysRunAsRoot_andWritesNothing() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        NativeImages denied = new NativeImages(new HostTree(root, false), units, Optional.empty(), (step, what) -> {
            throw new java.nio.file.AccessDeniedException(root.resolve("etc/systemd/system.attached").toString());
        });

        NotAuthorizedException e = assertThrows(NotAuthorizedException.class, () -> denied.attachImage(
                image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));

        assertEquals("cannot write " + root.resolve("etc/systemd/system.attached")
                + ": permission denied; run portajava as root", e.getMessage());
        assertEquals(List.of(), TestTrees.listing(root));
    }

    @Test
    void detachAndReattach_whenTheFileSystemRefusesWrites_sayRunAsRoot() throws Exception {
        Path v1 = TestTrees.image(dir, "1", "app.service");
        Path v2 = TestTrees.image(dir, "2", "app.service");
        images.attachImage(v1.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        List<String> before = TestTrees.listing(root);
        NativeImages denied = new NativeImages(new HostTree(root, false), units, Optional.empty(), (step, what) -> {
            throw new java.nio.file.FileSystemException(what, null, "Operation not permitted");
        });

        assertTrue(assertThrows(NotAuthorizedException.class, () -> denied.detachImage(v1.toString(), List.of(), false))
                .getMessage().endsWith(": permission denied; run portajava as root"));
        assertTrue(assertThrows(NotAuthorizedException.class, () -> denied.reattachImage(v2.toString(), List.of(), List.of(),
                "strict", false, CopyMode.AUTO, false)).getMessage().endsWith(": permission denied; run portajava as root"));
        assertEquals(before, TestTrees.listing(root));
    }

    @Test
    void detach_byANewerVersion_removesEverythingTheOlderAttached() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service", "app.socket");
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        Path newer = TestTrees.image(dir, "2", "app.service");

        List<Change> changes = images.detachImage(newer.toString(), List.of(), false);

        assertEquals(List.of(), TestTrees.listing(root).stream().filter(l -> !l.endsWith("/etc/portables")).toList());
        assertEquals(root.resolve("etc/systemd/system.attached/app.service").toString(), changes.get(0).path());
        assertTrue(changes.stream().allMatch(c -> c.type() == ChangeType.UNLINK));
        assertEquals(ImageState.DETACHED, images.imageState(image.toString(), List.of()));
    }

    @Test
    void detach_activeUnit_refuses_andNotAttachedFails() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        assertThrows(NotAttachedException.class, () -> images.detachImage(image.toString(), List.of(), false));
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        units.active.add("app.service");

        assertEquals("Unit file 'app.service' is active, can't detach.",
                assertThrows(AttachConflictException.class, () -> images.detachImage(image.toString(), List.of(), false)).getMessage());
        assertEquals(ImageState.RUNNING, images.imageState("app", List.of()));
    }

    @Test
    void reattach_newVersion_replacesUnitsAndReportsTheDroppedOne() throws Exception {
        Path v1 = TestTrees.image(dir, "1", "app.service", "app-worker.service");
        Path v2 = TestTrees.image(dir, "2", "app.service", "app-extra.service");
        images.attachImage(v1.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        units.active.add("app.service");

        ReattachChanges changes = images.reattachImage(v2.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        assertEquals(List.of("app-worker.service"), changes.droppedUnits());
        assertEquals(List.of("app-extra.service", "app.service"), changes.writtenUnits().stream().sorted().toList());
        Path attached = root.resolve("etc/systemd/system.attached");
        assertTrue(Files.readString(attached.resolve("app.service")).contains("version 2"));
        assertTrue(Files.readString(attached.resolve("app.service.d/20-portable.conf")).contains(v2.toString()));
        assertFalse(Files.exists(attached.resolve("app-worker.service.d")));
        assertFalse(Files.exists(root.resolve("etc/portables/app_1")));
        assertTrue(Files.isSymbolicLink(root.resolve("etc/portables/app_2")));
    }

    @Test
    void reattach_brokenNewImage_leavesTheOldOneAttached() throws Exception {
        Path v1 = TestTrees.image(dir, "1", "app.service");
        Path v3 = TestTrees.imageWithOsRelease(dir, "3", "VERSION_ID=3\n", "app.service");
        images.attachImage(v1.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
        List<String> before = TestTrees.listing(root);

        assertThrows(InvalidImageException.class,
                () -> images.reattachImage(v3.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));

        assertEquals(before, TestTrees.listing(root));
    }

    @Test
    void offlineRoot_attachesWithPathsAsTheRootWillSeeThem() throws Exception {
        Path image = TestTrees.image(root.resolve("var/lib/portables"), "1", "app.service");
        NativeImages offline = new NativeImages(HostTree.offline(root), units, Optional.empty(), StepHook.NONE);

        offline.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        assertTrue(Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"))
                .contains("RootDirectory=/var/lib/portables/app_1\n"));
        assertEquals(Path.of("/var/lib/portables/app_1"), Files.readSymbolicLink(root.resolve("etc/portables/app_1")));
    }

    @Test
    void offlineRoot_imageOutsideTheRoot_needsAnImagePath() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        NativeImages outside = new NativeImages(HostTree.offline(root), units, Optional.empty(), StepHook.NONE);
        NativeImages placed = new NativeImages(HostTree.offline(root), units, Optional.of("/opt/app_1"), StepHook.NONE);

        assertThrows(AttachException.class,
                () -> outside.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false));
        placed.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        assertTrue(Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"))
                .contains("RootDirectory=/opt/app_1\n"));
    }

    @Test
    void listImages_showsLinkedImagesWithTheirState() throws Exception {
        Path image = TestTrees.image(dir, "1", "app.service");
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);

        var list = images.listImages();

        assertEquals(1, list.size());
        assertEquals("app_1", list.get(0).name());
        assertEquals("directory", list.get(0).type());
        assertEquals(ImageState.ATTACHED, list.get(0).state());
    }

    @Test
    void attach_withoutPrefixes_takesOnlyTheUnitsOfTheDeclaredPrefixes_asInspectShows() throws Exception {
        Path image = TestTrees.imageWithOsRelease(dir, "1", "ID=app\nPORTABLE_PREFIXES=app web\n", "app.service",
                "web-worker.service", "other.service", "sshd.service");

        images.attachImage(image.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertTrue(Files.exists(attached.resolve("app.service")));
        assertTrue(Files.exists(attached.resolve("web-worker.service")));
        assertFalse(Files.exists(attached.resolve("other.service"), LinkOption.NOFOLLOW_LINKS), "outside the prefixes");
        assertFalse(Files.exists(attached.resolve("sshd.service"), LinkOption.NOFOLLOW_LINKS), "outside the prefixes");
        assertEquals(List.of("app.service", "web-worker.service"), List.copyOf(images.imageMetadata(image.toString(),
                List.of(), List.of(), false).units().keySet()));
    }

    @Test
    void attach_withoutPrefixes_ofAnImageDeclaringNone_takesTheUnitsNamedAfterItsFile_asPortablectl() throws Exception {
        Path image = TestTrees.imageWithOsRelease(dir, "1", "ID=app\n", "app.service", "app-worker.service",
                "other.service");

        images.attachImage(image.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertTrue(Files.exists(attached.resolve("app.service")));
        assertTrue(Files.exists(attached.resolve("app-worker.service")));
        assertFalse(Files.exists(attached.resolve("other.service"), LinkOption.NOFOLLOW_LINKS), "not named after app_1");
    }

    @Test
    void attach_withoutPrefixes_ofAnImageWithNoUnitOfItsPrefixes_refusesAndWritesNothing() throws Exception {
        Path image = TestTrees.imageWithOsRelease(dir, "1", "ID=app\nPORTABLE_PREFIXES=app\n", "other.service");
        List<String> before = TestTrees.snapshot(root);

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> images.attachImage(
                image.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false));

        assertTrue(e.getMessage().contains("Couldn't find any matching unit files"), e.getMessage());
        assertEquals(before, TestTrees.snapshot(root));
    }
}

