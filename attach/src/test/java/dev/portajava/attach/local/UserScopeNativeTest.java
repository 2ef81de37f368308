package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.CopyMode;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.InvalidImageException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native backend for a user's manager (systemd 260+): the user's directories, as the user's portabled uses them. */
class UserScopeNativeTest {

    private static final Map<String, String> ALICE = Map.of("HOME", "/home/alice", "XDG_RUNTIME_DIR", "/run/user/1000");
    private static final String USER_OS_RELEASE = "ID=app\nVERSION_ID=1\nPORTABLE_PREFIXES=app\nPORTABLE_SCOPE=user\n";

    @TempDir
    Path dir;

    private Path root;
    private NativeImages images;

    @BeforeEach
    void host() throws Exception {
        root = TestTrees.host(dir);
        TestTrees.write(root.resolve("usr/lib/systemd/user/portable/profile/default/service.conf"),
                "[Service]\nPrivateTmp=yes\n");
        FakeUnits units = new FakeUnits();
        units.version = "262.1-1";
        images = new NativeImages(new HostTree(root, false, ScopePaths.user(ALICE)), units, Optional.empty(),
                StepHook.NONE);
    }

    /** The entries below {@code top}, relative to it, sorted. */
    private static List<String> entries(Path top) throws Exception {
        try (var walk = Files.walk(top)) {
            return walk.filter(p -> !p.equals(top)).map(p -> top.relativize(p).toString()).sorted().toList();
        }
    }

    /** A directory image for a user's manager: its unit in usr/lib/systemd/user. */
    private static Path userImage(Path parent) throws Exception {
        Path image = parent.resolve("app_1");
        TestTrees.write(image.resolve("usr/lib/os-release"), USER_OS_RELEASE);
        TestTrees.write(image.resolve("usr/lib/systemd/user/app.service"), "[Service]\nExecStart=/bin/true\n");
        return image;
    }

    @Test
    void attach_writesIntoTheUsersConfig_withTheUsersProfile_andLinksTheImageFromTheUsersPortables() throws Exception {
        Path image = userImage(dir);

        images.attachImage(image.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false);

        Path attached = root.resolve("home/alice/.config/systemd/user.attached");
        assertEquals("# Drop-in created for image '" + image + "', do not edit.\n\n[Service]\nRootDirectory=" + image
                + "\nEnvironment=PORTABLE=app_1\nLogExtraFields=PORTABLE=app_1\n"
                + "LogExtraFields=PORTABLE_NAME_AND_VERSION=app_1\n",
                Files.readString(attached.resolve("app.service.d/20-portable.conf")));
        assertEquals(Path.of("/usr/lib/systemd/user/portable/profile/default/service.conf"),
                Files.readSymbolicLink(attached.resolve("app.service.d/10-profile.conf")));
        assertEquals("[Service]\nExecStart=/bin/true\n", Files.readString(attached.resolve("app.service")));
        assertEquals(image, Files.readSymbolicLink(root.resolve("home/alice/.config/portables/app_1")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")), "nothing of the system's");
        assertEquals(ImageState.ATTACHED, images.imageState(image.toString(), List.of()));
    }

    @Test
    void attachRuntime_writesUnderTheUsersRuntimeDirectory() throws Exception {
        Path image = userImage(dir);

        images.attachImage(image.toString(), List.of(), List.of(), "default", true, CopyMode.AUTO, false);

        assertTrue(Files.isRegularFile(root.resolve("run/user/1000/systemd/user.attached/app.service")));
        assertTrue(Files.isSymbolicLink(root.resolve("run/user/1000/portables/app_1")));
        assertEquals(ImageState.ATTACHED_RUNTIME, images.imageState(image.toString(), List.of()));
        images.detachImage(image.toString(), List.of(), true);
        assertEquals(List.of("portables", "systemd"), entries(root.resolve("run/user/1000")),
                "the attached directory removed");
        assertEquals(List.of(), entries(root.resolve("run/user/1000/portables")), "the link removed");
    }

    @Test
    void imageName_isLookedUpInTheUsersImagePath_andDetachLeavesNothing() throws Exception {
        Path image = userImage(root.resolve("home/alice/.local/state/portables"));

        images.attachImage("app_1", List.of(), List.of(), "default", false, CopyMode.AUTO, false);

        String marker = Files.readString(root.resolve(
                "home/alice/.config/systemd/user.attached/app.service.d/20-portable.conf")).lines().findFirst().get();
        assertEquals("# Drop-in created for image '/home/alice/.local/state/portables/app_1', do not edit.", marker);
        assertEquals(Path.of("/home/alice/.local/state/portables/app_1"), Files.readSymbolicLink(
                root.resolve("home/alice/.config/portables/app_1")), "linked, as the user's portabled of 262 links"
                + " an image of the user's image path");
        assertEquals(List.of("app_1"), images.listImages().stream().map(i -> i.name()).toList());

        images.detachImage("app_1", List.of(), false);

        assertEquals(List.of("portables", "systemd"), entries(root.resolve("home/alice/.config")),
                "the attached directory removed");
        assertEquals(List.of(), entries(root.resolve("home/alice/.config/portables")), "the link removed");
    }

    @Test
    void imageName_notInTheUsersImagePath_isNotFound_namingThatPath() throws Exception {
        userImage(root.resolve("var/lib/portables")); // the system's, not the user's

        ImageNotFoundException e = assertThrows(ImageNotFoundException.class, () -> images.attachImage("app_1",
                List.of(), List.of(), "default", false, CopyMode.AUTO, false));

        assertEquals("app_1: no such image; give the path of a .raw image or an image directory, or the name of one"
                + " in /run/user/1000/portables, /home/alice/.local/state/portables, /home/alice/.local/lib/portables",
                e.getMessage());
    }

    @Test
    void systemImage_isRefused_andTheProfilesAreTheUsersOnly() throws Exception {
        Path system = TestTrees.image(dir, "2", "app.service");

        InvalidImageException e = assertThrows(InvalidImageException.class, () -> images.attachImage(
                system.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false));

        assertTrue(e.getMessage().contains("is built for the system scope"), e.getMessage());
        assertEquals(List.of("default"), images.profiles(), "portajava's built-in profiles are the system's");
        assertFalse(Files.exists(root.resolve("home/alice/.config"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void userPaths_followTheXdgVariables_andNeedHomeAndARuntimeDirectory() {
        ScopePaths paths = ScopePaths.user(Map.of("HOME", "/home/bob/", "XDG_RUNTIME_DIR", "/run/user/7",
                "XDG_CONFIG_HOME", "/srv/bob/config", "XDG_STATE_HOME", "/srv/bob/state", "XDG_DATA_HOME", "relative"));

        assertEquals("/srv/bob/config/systemd/user.attached", paths.attachedDirectory(false));
        assertEquals("/run/user/7/systemd/user.attached", paths.attachedDirectory(true));
        assertEquals("/srv/bob/config/portables", paths.portablesDirectory(false));
        assertEquals(List.of("/run/user/7/portables", "/srv/bob/state/portables", "/home/bob/.local/lib/portables"),
                paths.imagePath());
        assertTrue(paths.unitPath().contains("/home/bob/.local/share/systemd/user"), "a relative XDG_DATA_HOME is"
                + " ignored, as sd-path ignores it: " + paths.unitPath());
        assertEquals("HOME is not set to an absolute path, so the user's unit directories cannot be found",
                assertThrows(IllegalArgumentException.class, () -> ScopePaths.user(Map.of("XDG_RUNTIME_DIR",
                        "/run/user/7"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScopePaths.user(Map.of("HOME", "/home/bob")));
    }

    @Test
    void withoutTheUsersManager_unitsAreWrittenForItToRead_enabledInTheUsersConfig_andNotStarted() throws Exception {
        HostTree tree = new HostTree(root, true, ScopePaths.user(ALICE));
        TestTrees.write(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-262.so"), "");
        OfflineUnits units = new OfflineUnits(tree, "there is no user bus");
        NativeImages offline = new NativeImages(tree, units, Optional.empty(), StepHook.NONE);
        Path image = userImage(root.resolve("srv"));
        TestTrees.write(image.resolve("usr/lib/systemd/user/app.service"),
                "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=default.target\n");

        offline.attachImage(image.toString(), List.of(), List.of(), "default", false, CopyMode.AUTO, false);
        units.enableUnitFiles(List.of("app.service"), false);

        assertTrue(Files.isRegularFile(root.resolve("home/alice/.config/systemd/user.attached/app.service")));
        assertEquals(Path.of("/home/alice/.config/systemd/user.attached/app.service"), Files.readSymbolicLink(
                root.resolve("home/alice/.config/systemd/user.attached/default.target.wants/app.service")));
        assertEquals("enabled", units.unitFileState("app.service"));
        assertEquals("--now cannot start units: there is no user bus", assertThrows(
                dev.portajava.attach.BusUnavailableException.class, units::requireRunning).getMessage());
        units.disableUnitFiles(List.of("app.service"), false);
        offline.detachImage(image.toString(), List.of(), false);
        assertEquals(List.of("portables", "systemd"),
                entries(root.resolve("home/alice/.config")));
    }
}
