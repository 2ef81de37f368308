package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --extension IMAGE} on attach, detach, reattach, is-attached and inspect: in order, to the backend. */
class ExtensionCommandsTest {

    private static final String OS_RELEASE = "# Hello's runtime\nID=hello\nPRETTY_NAME=\"Hello \\\"runtime\\\"\"\n"
            + "PORTABLE_PREFIXES=hello\n";

    private final FakeHost host = new FakeHost();

    @TempDir
    Path dir;

    private Path base;
    private Path app0;
    private Path app1;

    @BeforeEach
    void images() throws Exception {
        base = TestImages.directory(dir, "hello_1", OS_RELEASE, "hello.service");
        app0 = TestImages.extension(dir, "app0", "ID=hello\n# app zero\nPORTABLE_PREFIXES='app0'\n", "app0.service");
        app1 = TestImages.extension(dir, "app1", "ID=_any\nPORTABLE_PREFIXES=app1\n", "app1.service");
    }

    @Test
    void inspectCat_printsEachReleaseFileAsTheImageHoldsIt() {
        Cli cli = Cli.runWithoutBus("inspect", "--extension", app0.toString(), "--extension", app1.toString(),
                base.toString(), "--cat");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Image:\n    " + base + "\nPortable Service:\n    n/a\nOperating System:\n    Hello \"runtime\"\n"
                + "Extensions:\n    " + app0 + "\n    " + app1 + "\n-- os-release --\n" + OS_RELEASE
                + "-- extension-release of " + app0 + " --\nID=hello\n# app zero\nPORTABLE_PREFIXES='app0'\n"
                + "-- extension-release of " + app1 + " --\nID=_any\nPORTABLE_PREFIXES=app1\nUnit files:\n"
                + "    app0.service\n-- app0.service --\n[Service]\nExecStart=/bin/true\n"
                + "    app1.service\n-- app1.service --\n[Service]\nExecStart=/bin/true\n"
                + "    hello.service\n-- hello.service --\n[Service]\nExecStart=/bin/true\n", cli.out());
    }

    @Test
    void attach_givesTheExtensionsInOrder_andTheirPrefixesAreAccepted() {
        Cli cli = Cli.run(host, "attach", "--extension", app1.toString(), "--extension", app0.toString(),
                base.toString(), "app0", "app1");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("attachImage " + base + " [" + app1 + ", " + app0 + "] default"),
                host.calls::toString);
    }

    @Test
    void attach_ofAnExtensionThatDoesNotFit_exits2BeforeTheBackendSeesIt() throws Exception {
        Path other = TestImages.extension(dir.resolve("other"), "app0", "ID=fedora\n", "app0.service");

        Cli cli = Cli.run(host, "attach", "--extension", other.toString(), base.toString(), "app0");

        assertEquals(2, cli.code());
        assertEquals("portajava: Image " + other + " extension-release metadata does not match the root's: it is for"
                + " ID=fedora, the image is ID=hello", cli.errLine());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
    }

    @Test
    void anEmptyExtension_isAUsageError_beforeAnyImageIsRead() {
        Cli cli = Cli.run(host, "attach", "--extension", "", base.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: --extension: an empty image name", cli.errLine());
        assertEquals(java.util.List.of(), host.calls);
    }

    @Test
    void anExtensionOutsideTheRoot_isRefused(@TempDir Path rootDir) throws Exception {
        Path image = TestImages.hello(rootDir, "hello_1");

        Cli cli = Cli.run(host, "attach", "--root", rootDir.toString(), "--extension", app0.toString(),
                image.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: extension image " + app0 + " is outside the root " + rootDir + "; put it inside the"
                + " root, where systemd will find it when that root runs", cli.errLine());
    }

    @Test
    void detach_takesExtensionsThatNoLongerExist() {
        Cli cli = Cli.run(host, "detach", "--extension", dir.resolve("gone/app9.raw").toString(), base.toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(host.calls.contains("detachImage " + base + " [" + dir.resolve("gone/app9.raw") + "]"),
                host.calls::toString);
    }

    @Test
    void reattachWithForce_andIsAttached_giveTheExtensions() {
        Cli reattach = Cli.run(host, "reattach", "--force", "--extension", app0.toString(), base.toString(), "app0");
        Cli state = Cli.run(host, "is-attached", "--extension", app0.toString(), base.toString());

        assertEquals(0, reattach.code(), reattach.err());
        assertTrue(host.calls.contains("reattachImage " + base + " [" + app0 + "] force"), host.calls::toString);
        assertTrue(host.calls.contains("imageState " + base + " [" + app0 + "]"), host.calls::toString);
        assertEquals(state.out().strip(), host.state.toString());
    }
}
