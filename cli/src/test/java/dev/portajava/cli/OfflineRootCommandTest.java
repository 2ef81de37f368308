package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --root}: the whole command line against a root tree in a temporary directory, with no bus anywhere. */
class OfflineRootCommandTest {

    @TempDir
    Path root;

    private Path image() throws Exception {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path image = root.resolve("var/lib/portables/app_1");
        Files.createDirectories(image.resolve("usr/lib/systemd/system"));
        Files.writeString(image.resolve("usr/lib/os-release"), "ID=app\nPORTABLE_PREFIXES=app\n");
        Files.writeString(image.resolve("usr/lib/systemd/system/app.service"),
                "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n");
        return image;
    }

    @Test
    void attachListIsAttachedDetach_inARoot_workWithoutABus() throws Exception {
        Path image = image();

        Cli attach = Cli.runWithoutBus("--verbose", "attach", "--root", root.toString(), image.toString(), "--enable");

        assertEquals(0, attach.code(), attach.err());
        assertTrue(attach.err().contains("backend: native, into the root"), attach.err());
        assertTrue(Files.readString(root.resolve("etc/systemd/system.attached/app.service.d/20-portable.conf"))
                .contains("RootDirectory=/var/lib/portables/app_1\n"));
        assertEquals(Path.of("/etc/systemd/system.attached/app.service"), Files.readSymbolicLink(
                root.resolve("etc/systemd/system.attached/multi-user.target.wants/app.service")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/app.service"),
                LinkOption.NOFOLLOW_LINKS), "linked where portablectl's --enable links it only");
        assertEquals("enabled", Cli.runWithoutBus("is-attached", "--root", root.toString(), "app").out().strip());
        assertTrue(Cli.runWithoutBus("list", "--root", root.toString()).out().contains("app_1"));

        Cli detach = Cli.runWithoutBus("detach", "--root", root.toString(), "app_1", "--enable");

        assertEquals(0, detach.code(), detach.err());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
        // a link left behind would point at /etc/systemd/system.attached/app.service of the root, not of this machine
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/app.service"),
                LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, Cli.runWithoutBus("is-attached", "--root", root.toString(), "app").code());
    }

    @Test
    void root_withNowOrWithThePortabledBackend_exits2() throws Exception {
        Path image = image();

        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.toString(), image.toString(), "--now").code());
        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.toString(), "--backend", "portabled",
                image.toString()).code());
        assertEquals(2, Cli.runWithoutBus("attach", "--root", root.resolve("nope").toString(), image.toString()).code());
        Path bare = Files.createDirectories(root.resolve("srv/bare"));
        Cli noSystemd = Cli.runWithoutBus("attach", "--root", bare.toString(), image.toString(), "--image-path",
                "/var/lib/portables/app_1");
        assertEquals(2, noSystemd.code(), noSystemd.err());
        assertEquals("portajava: cannot find systemd in " + bare + " (no libsystemd-shared-VERSION.so under /usr/lib);"
                + " is it a root tree with systemd?", noSystemd.errLine());
        assertFalse(Files.exists(bare.resolve("etc")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")));
    }

    /** The message of a file name whose image name (before the first '_', else without .raw) is {@code name}. */
    private static String invalidName(Path image, String name) {
        return "portajava: " + image + ": '" + name + "' is not a valid image name (letters, digits, '.', ':' and"
                + " '-', starting with a letter or digit, at most 64 characters)";
    }

    /** A raw image of hello built by portajava, copied to {@code root/var/lib/portables/FILE}. */
    private Path rawImage(Path work, String file) throws Exception {
        image(); // the root's systemd
        Path spec = TestSpecs.hello(Files.createDirectories(work.resolve("spec")));
        Path built = work.resolve("hello.raw");
        Cli build = Cli.runWithoutBus("build", spec.toString(), "-o", built.toString(), "--quiet");
        assertEquals(0, build.code(), build.err());
        return Files.copy(built, root.resolve("var/lib/portables").resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "reattach", "detach"})
    void imagePath_withoutRootOrTheNativeBackend_exits2(String command) throws Exception {
        Path image = image();

        for (String backend : new String[] {"auto", "portabled"}) {
            Cli cli = Cli.runWithoutBus(command, image.toString(), "--image-path", "/var/lib/portables/app_1",
                    "--backend", backend);

            assertEquals(2, cli.code(), cli.err());
            assertEquals("portajava: --image-path applies with --root, or with --backend native: portabled attaches"
                    + " an image from the path it is given", cli.errLine());
        }
        assertFalse(Files.exists(root.resolve("etc")));
    }

    @Test
    void reattach_ofAVersionThatDropsAnEnabledUnit_removesThatUnitsLink_andDetachLeavesNothing() throws Exception {
        Path first = image();
        Files.writeString(first.resolve("usr/lib/systemd/system/app-extra.service"),
                "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n");
        Path second = first.resolveSibling("app_2");
        Files.createDirectories(second.resolve("usr/lib/systemd/system"));
        Files.copy(first.resolve("usr/lib/os-release"), second.resolve("usr/lib/os-release"));
        Files.copy(first.resolve("usr/lib/systemd/system/app.service"),
                second.resolve("usr/lib/systemd/system/app.service"));
        Path wants = root.resolve("etc/systemd/system.attached/multi-user.target.wants");
        assertEquals(0, Cli.runWithoutBus("attach", "--root", root.toString(), first.toString(), "--enable").code());
        assertTrue(Files.isSymbolicLink(wants.resolve("app-extra.service")));

        Cli reattach = Cli.runWithoutBus("reattach", "--root", root.toString(), second.toString());

        assertEquals(0, reattach.code(), reattach.err());
        assertFalse(Files.exists(wants.resolve("app-extra.service"), LinkOption.NOFOLLOW_LINKS), reattach.out());
        assertTrue(reattach.out().contains("Removed " + wants.resolve("app-extra.service") + "."), reattach.out());
        assertTrue(Files.isSymbolicLink(wants.resolve("app.service")), "the unit version 2 keeps stays enabled");

        Cli detach = Cli.runWithoutBus("detach", "--root", root.toString(), second.toString(), "--enable");

        assertEquals(0, detach.code(), detach.err());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")), detach.out());
    }

    @Test
    void detach_withoutEnable_ofAnImageAttachedWithEnable_leavesNoLinkBehind() throws Exception {
        Path image = image();
        Path wants = root.resolve("etc/systemd/system.attached/multi-user.target.wants/app.service");
        assertEquals(0, Cli.runWithoutBus("attach", "--root", root.toString(), image.toString(), "--enable").code());
        assertTrue(Files.isSymbolicLink(wants));

        Cli detach = Cli.runWithoutBus("detach", "--root", root.toString(), image.toString());

        assertEquals(0, detach.code(), detach.err());
        assertTrue(detach.out().contains("Removed " + wants + "."), detach.out());
        assertFalse(Files.exists(root.resolve("etc/systemd/system.attached")), detach.out());
    }

    @Test
    void reattachAndDetach_ofAnImageAttachedWithAnImagePath_findItByThatPath(@TempDir Path work) throws Exception {
        Path built = rawImage(work, "hello_1.raw");
        Files.delete(built);
        // the image is read from a build directory here, and will be /var/lib/portables/hello_N.raw in the root
        Path local = Files.copy(work.resolve("hello.raw"), work.resolve("out.raw"));
        String root = this.root.toString();

        assertEquals(0, Cli.runWithoutBus("attach", "--root", root, local.toString(), "--image-path",
                "/var/lib/portables/hello_1.raw").code());
        Cli reattach = Cli.runWithoutBus("reattach", "--root", root, local.toString(), "--image-path",
                "/var/lib/portables/hello_2.raw");

        assertEquals(0, reattach.code(), reattach.err());
        assertTrue(reattach.out().contains("Removed " + this.root.resolve("etc/portables/hello_1.raw") + "."),
                reattach.out());
        assertTrue(Files.readString(this.root.resolve("etc/systemd/system.attached/hello.service.d/20-portable.conf"))
                .contains("RootImage=/var/lib/portables/hello_2.raw\n"));
        assertEquals(1, Cli.runWithoutBus("detach", "--root", root, local.toString()).code(),
                "out.raw names another image than the one attached");
        assertEquals("attached", Cli.runWithoutBus("is-attached", "--root", root, "hello").out().strip());

        Cli detach = Cli.runWithoutBus("detach", "--root", root, local.toString(), "--image-path",
                "/var/lib/portables/hello_2.raw");

        assertEquals(0, detach.code(), detach.err());
        assertFalse(Files.exists(this.root.resolve("etc/systemd/system.attached")));
        assertEquals("[]", List.of(this.root.resolve("etc/portables").toFile().list()).toString(),
                "nothing of either version is left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello x.raw", "hello%n.raw", "hello x_1.raw", "_1.raw"})
    void attachReattachInspect_ofARawImageWhoseFileNameIsNoImageName_exit2AndWriteNothing(String file,
            @TempDir Path work) throws Exception {
        Path image = rawImage(work, file);
        String name = file.contains("_") ? file.substring(0, file.indexOf('_')) : file.replace(".raw", "");
        Map<Path, String> before = TreeSnapshot.of(root);

        for (String command : new String[] {"attach", "reattach"}) {
            Cli cli = Cli.runWithoutBus(command, "--root", root.toString(), "--backend", "native", image.toString(),
                    "--profile", "strict");

            assertEquals(2, cli.code(), cli.err());
            assertEquals(invalidName(image, name), cli.errLine());
            assertEquals(before, TreeSnapshot.of(root), command + " wrote under the root");
        }
        Cli inspect = Cli.runWithoutBus("inspect", image.toString());
        assertEquals(2, inspect.code(), inspect.err());
        assertEquals(invalidName(image, name), inspect.errLine());
    }

    @Test
    void attach_ofADirectoryImageWhoseNameIsNoImageName_exits2AndWritesNothing() throws Exception {
        image();
        Path image = TestImages.directory(root.resolve("var/lib/portables"), "app x", "ID=app\n", "app.service");
        Map<Path, String> before = TreeSnapshot.of(root);

        Cli byPath = Cli.runWithoutBus("attach", "--root", root.toString(), image.toString());
        Cli byName = Cli.runWithoutBus("attach", "--root", root.toString(), "app x");

        assertEquals(2, byPath.code(), byPath.err());
        assertEquals(invalidName(image, "app x"), byPath.errLine());
        assertEquals(2, byName.code(), byName.err());
        assertEquals(invalidName(Path.of("app x"), "app x"), byName.errLine());
        assertEquals(before, TreeSnapshot.of(root));
    }

    @Test
    void attach_withAnExtensionWhoseNameIsNoImageName_exits2AndWritesNothing() throws Exception {
        Path image = image();
        Path extension = TestImages.extension(root.resolve("var/lib/portables"), "ext%n", "ID=app\n",
                "app-ext.service");
        Map<Path, String> before = TreeSnapshot.of(root);

        Cli cli = Cli.runWithoutBus("attach", "--root", root.toString(), "--extension", extension.toString(),
                image.toString());

        assertEquals(2, cli.code(), cli.err());
        assertEquals(invalidName(extension, "ext%n"), cli.errLine());
        assertEquals(before, TreeSnapshot.of(root));
    }

    @Test
    void attach_withAnImagePathWhoseNameIsNoImageName_exits2AndWritesNothing() throws Exception {
        Path image = image();
        Map<Path, String> before = TreeSnapshot.of(root);

        Cli cli = Cli.runWithoutBus("attach", "--root", root.toString(), image.toString(), "--image-path",
                "/srv/app 1");

        assertEquals(2, cli.code(), cli.err());
        assertEquals("portajava: " + image + " (attached as /srv/app 1): 'app 1' is not a valid image name (letters,"
                + " digits, '.', ':' and '-', starting with a letter or digit, at most 64 characters)", cli.errLine());
        assertEquals(before, TreeSnapshot.of(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello x.raw", "hello%n.raw"})
    void detachAndIsAttached_ofANameThatIsNoImageName_exit2WithOneLine(String file) throws Exception {
        Path image = image().resolveSibling(file);
        String name = file.replace(".raw", "");
        // what an attach of such a name left before it was refused
        Files.createDirectories(root.resolve("etc/portables"));
        Files.createSymbolicLink(root.resolve("etc/portables").resolve(file), Path.of("/var/lib/portables", file));
        Map<Path, String> before = TreeSnapshot.of(root);

        for (String argument : new String[] {image.toString(), name}) {
            Path named = argument.startsWith("/") ? image : Path.of(name);
            Cli detach = Cli.runWithoutBus("detach", "--root", root.toString(), "--backend", "native", argument);
            Cli isAttached = Cli.runWithoutBus("is-attached", "--root", root.toString(), "--backend", "native",
                    argument);

            assertEquals(2, detach.code(), detach.err());
            assertEquals(invalidName(named, name), detach.errLine());
            assertEquals(2, isAttached.code(), isAttached.err());
            assertEquals(invalidName(named, name), isAttached.errLine());
            assertEquals("", isAttached.out());
        }
        assertEquals(before, TreeSnapshot.of(root));
    }
}
