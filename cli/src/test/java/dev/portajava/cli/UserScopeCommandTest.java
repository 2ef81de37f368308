package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --user}: the calling user's portabled (systemd 260+), with a fake user bus. What it refuses, and what it
 * hands portabled; the real per-user portabled is tested in the integration tests (UserScopeIT).
 */
class UserScopeCommandTest {

    private static final String USER_OS_RELEASE = "ID=hello\nPORTABLE_PREFIXES=hello\nPORTABLE_SCOPE=user\n";

    /** A directory image for a user's manager: PORTABLE_SCOPE=user, its unit in usr/lib/systemd/user. */
    private static Path userImage(Path dir) throws IOException {
        Path image = dir.resolve("hello");
        Files.createDirectories(image.resolve("usr/lib/systemd/user"));
        Files.writeString(image.resolve("usr/lib/os-release"), USER_OS_RELEASE);
        Files.writeString(image.resolve("usr/lib/systemd/user/hello.service"), "[Service]\nExecStart=/bin/true\n");
        return image;
    }

    private static FakeHost systemd(String version) {
        FakeHost host = new FakeHost();
        host.version = version;
        return host;
    }

    @Test
    void attach_userImageOnSystemd262_isHandedToTheUsersPortabled(@TempDir Path dir) throws Exception {
        Path image = userImage(dir);
        FakeHost host = systemd("262.1-1");

        Cli cli = Cli.runOnUserBus(host, "attach", "--user", image.toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("attachImage " + image + " default"), host.calls.toString());
    }

    @Test
    void attach_onSystemd257_exits3WithOneLine_andAttachesNothing(@TempDir Path dir) throws Exception {
        FakeHost host = systemd("257.9-1~deb13u1");

        Cli cli = Cli.runOnUserBus(host, "attach", "--user", userImage(dir).toString());

        assertEquals(3, cli.code());
        assertEquals("portajava: --user needs systemd 260 or later, whose portabled serves each user; this host runs"
                + " systemd 257", cli.errLine());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls.toString());
    }

    @Test
    void attach_systemImage_isRefusedAsBadInput_namingTheScope(@TempDir Path dir) throws Exception {
        Path image = TestImages.hello(dir, "hello");
        FakeHost host = systemd("262.1-1");

        Cli cli = Cli.runOnUserBus(host, "attach", "--user", image.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: Image " + image + " is built for the system scope (no"
                + " PORTABLE_SCOPE= in its os-release), not for a user's service manager (--user)"), cli.err());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls.toString());
    }

    @Test
    void attach_userImageWithoutUser_isRefusedAsBadInput(@TempDir Path dir) throws Exception {
        FakeHost host = systemd("262.1-1");

        Cli cli = Cli.run(host, "attach", userImage(dir).toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("is built for the user scope (PORTABLE_SCOPE=user), not for the system's;"
                + " attach it with --user"), cli.err());
    }

    @Test
    void attach_withoutAUserBus_exits3NamingWhatIsMissing(@TempDir Path dir) throws Exception {
        Cli cli = Cli.run(new FakeHost(), Map.of(), "attach", "--user", userImage(dir).toString());

        assertEquals(3, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: --user: there is no user bus: neither"
                + " DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR is set"), cli.err());
    }

    @Test
    void user_withWhatOnlyTheSystemHas_isRefusedAsBadUsage(@TempDir Path dir) throws Exception {
        String image = userImage(dir).toString();
        List<List<String>> refused = List.of(
                List.of("attach", "--user", image, "--root", dir.toString()),
                List.of("detach", "--user", image, "-H", "host"),
                List.of("attach", "--user", image, "--image-path", "/srv/hello"),
                List.of("inspect", "--user", image, "-H", "host"),
                List.of("install", "--user", "hello", "--feed", "https://feed.example/"),
                List.of("update", "--user"),
                List.of("uninstall", "--user", "hello"));
        for (List<String> args : refused) {
            FakeHost host = systemd("262.1-1");

            Cli cli = Cli.runOnUserBus(host, args.toArray(String[]::new));

            assertEquals(2, cli.code(), args + ": " + cli.err());
            assertTrue(cli.errLine().startsWith("portajava: "), cli.err());
            assertTrue(host.calls.isEmpty(), args + " reached the bus: " + host.calls);
        }
    }

    @Test
    void list_andIsAttached_askTheUsersPortabled() {
        FakeHost host = systemd("262.1-1");

        assertEquals(0, Cli.runOnUserBus(host, "list", "--user").code());
        assertEquals(1, Cli.runOnUserBus(host, "is-attached", "--user", "hello").code());
    }

    /** A home with {@code hello_1} in its image path, ~/.local/state/portables; the variables of its user. */
    private static Map<String, String> homeWithImage(Path dir) throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".local/state/portables"));
        Files.move(userImage(dir), home.resolve(".local/state/portables/hello_1"));
        return Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", dir.resolve("run").toString());
    }

    @Test
    void attach_imageName_isLookedUpInTheUsersImagePath_andItsPathHandedToTheUsersPortabled(@TempDir Path dir)
            throws Exception {
        Map<String, String> user = homeWithImage(dir);
        FakeHost host = systemd("262.1-1");

        Cli cli = Cli.runOnUserBus(host, user, "attach", "--user", "hello_1");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("attachImage " + dir.resolve("home/.local/state/portables/hello_1")
                + " default"), host.calls.toString());
    }

    @Test
    void attach_imageNameNotInTheUsersImagePath_exits2NamingThatPath(@TempDir Path dir) throws Exception {
        FakeHost host = systemd("262.1-1");

        Cli cli = Cli.runOnUserBus(host, Map.of("HOME", dir.toString(), "XDG_RUNTIME_DIR", "/run/user/1000"),
                "attach", "--user", "hello_1");

        assertEquals(2, cli.code());
        assertEquals("portajava: hello_1: no such image; give the path of a .raw image or an image directory, or the"
                + " name of one in /run/user/1000/portables, " + dir + "/.local/state/portables, " + dir
                + "/.local/lib/portables", cli.errLine());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls.toString());
    }

    @Test
    void nativeBackend_readsTheUsersDirectories_andAsksTheUsersManager(@TempDir Path dir) throws Exception {
        Map<String, String> user = homeWithImage(dir);
        FakeHost host = systemd("262.1-1");

        Cli list = Cli.runOnUserBus(host, user, "list", "--user", "--backend", "native");
        Cli state = Cli.runOnUserBus(host, user, "is-attached", "--user", "--backend", "native", "hello_1");

        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("hello_1 ") && line.contains("detached")),
                list.out());
        assertEquals(1, state.code(), state.err());
        assertEquals("detached", state.out().strip());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("listImages") || c.startsWith("imageState")),
                "the user's portabled is not asked: " + host.calls);
    }

    @Test
    void nativeBackend_onSystemd257_exits3WithOneLine(@TempDir Path dir) throws Exception {
        FakeHost host = systemd("257.9-1~deb13u1");

        Cli cli = Cli.runOnUserBus(host, homeWithImage(dir), "attach", "--user", "--backend", "native", "hello_1");

        assertEquals(3, cli.code());
        assertEquals("portajava: --user needs systemd 260 or later, whose portabled serves each user; this host runs"
                + " systemd 257", cli.errLine());
    }

    @Test
    void inspect_withUser_readsTheImageInTheUsersImagePath_withoutAnyBus(@TempDir Path dir) throws Exception {
        Map<String, String> user = homeWithImage(dir);

        Cli cli = Cli.runOnUserBus(new FakeHost(), user, "inspect", "--user", "hello_1");
        Cli system = Cli.runOnUserBus(new FakeHost(), user, "inspect", "hello_1");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("Image:\n    " + dir.resolve("home/.local/state/portables/hello_1") + "\n"),
                cli.out());
        assertTrue(cli.out().endsWith("Unit files:\n    hello.service\n"), cli.out());
        assertEquals(2, system.code(), "without --user the name is looked up in the system's image path");
    }
}
