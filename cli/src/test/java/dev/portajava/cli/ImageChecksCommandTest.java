package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * portajava reads every image itself, on every backend and in inspect: what it cannot read or must refuse is bad
 * input (exit 2) before portabled or the native backend sees it, and inspect needs no bus at all.
 */
class ImageChecksCommandTest {

    private final FakeHost host = new FakeHost();

    @TempDir
    Path dir;

    private Path secret;
    private Path root;

    @BeforeEach
    void files() throws Exception {
        secret = Files.writeString(dir.resolve("secret"), "root:$y$secret-hash:19000:0:99999:7:::\n");
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
    }

    /** A hello image whose hello-leak.service links to a file outside it, by its absolute path. */
    private Path leaking() throws Exception {
        Path image = TestImages.hello(dir, "hello_1");
        Files.createSymbolicLink(image.resolve("usr/lib/systemd/system/hello-leak.service"), secret);
        return image;
    }

    @Test
    void inspect_withoutABus_readsTheImageItself() throws Exception {
        Path image = TestImages.hello(dir, "hello_1");

        Cli cli = Cli.runWithoutBus("inspect", image.toString(), "--cat");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Image:\n    " + image + "\nPortable Service:\n    Hello\nOperating System:\n    hello\n"
                + "-- os-release --\nID=hello\nPORTABLE_PRETTY_NAME=Hello\nPORTABLE_PREFIXES=hello\nUnit files:\n"
                + "    hello.service\n-- hello.service --\n[Service]\nExecStart=/bin/true\n", cli.out());
    }

    @Test
    void inspect_ofAnImageWithAHealthCheck_showsIt() throws Exception {
        Path image = TestImages.directory(dir, "hello_1", "ID=hello\nPORTABLE_PREFIXES=hello\n"
                + "PORTAJAVA_HEALTH_URL=http://127.0.0.1:8080/health\nPORTAJAVA_HEALTH_TIMEOUT=3s\n", "hello.service");

        Cli cli = Cli.runWithoutBus("inspect", image.toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("Operating System:\n    hello\nHealth Check:\n"
                + "    GET http://127.0.0.1:8080/health answers 2xx within 3s\nUnit files:\n"), cli.out());
    }

    @Test
    void inspect_ofAnImageWithAWrongHealthCheck_exits2() throws Exception {
        Path image = TestImages.directory(dir, "hello_1", "ID=hello\nPORTABLE_PREFIXES=hello\n"
                + "PORTAJAVA_HEALTH_URL=file:///etc/shadow\n", "hello.service");

        Cli cli = Cli.runWithoutBus("inspect", image.toString());

        assertEquals(2, cli.code(), cli.out());
        assertEquals("portajava: " + image + ": the health check in its os-release is wrong: [health] url 'file:///etc/shadow' is not"
                + " an http:// or https:// URL with a host (and no #fragment)", cli.err().strip());
    }

    @Test
    void inspectCat_printsOsReleaseAsTheImageHoldsIt_commentsAndQuotesIncluded() throws Exception {
        String osRelease = "# built for the tests\nID=hello\nPRETTY_NAME=\"Hello \\\"one\\\"\"\n\n"
                + "PORTABLE_PREFIXES='hello'\n";
        Path image = TestImages.directory(dir, "hello_1", osRelease, "hello.service");

        Cli cli = Cli.runWithoutBus("inspect", image.toString(), "--cat");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("Operating System:\n    Hello \"one\"\n-- os-release --\n" + osRelease
                + "Unit files:\n"), cli.out());
    }

    @Test
    void inspect_ofAnImageWithControlCharactersInItsOsRelease_showsThemAsHexEscapes_neverRaw() throws Exception {
        Path image = TestImages.directory(dir, "hello_1", "ID=hello\nPORTABLE_PREFIXES=hello\n"
                + "PORTABLE_PRETTY_NAME=\"P \u001b[2J\"\nPRETTY_NAME=\"Hi \u001b]0;pwned\u0007\u001b[31mRED\"\n",
                "hello.service");

        Cli cli = Cli.runWithoutBus("inspect", image.toString());

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("Portable Service:\n    P \\x1b[2J\nOperating System:\n"
                + "    Hi \\x1b]0;pwned\\x07\\x1b[31mRED\nUnit files:\n"), cli.out());
        assertFalse(cli.out().contains("\u001b"), cli.out());
        assertFalse(cli.out().contains("\u0007"), cli.out());
    }

    @Test
    void inspectCat_keepsTheFilesLinesAndTabs_butShowsTheirOtherControlCharactersAsHexEscapes() throws Exception {
        String osRelease = "ID=hello\nPORTABLE_PREFIXES=hello\n# \ttitle \u001b]0;pwned\u0007 \u009b2J\r\n";
        Path image = TestImages.directory(dir, "hello_1", osRelease, "hello.service");
        Files.writeString(image.resolve("usr/lib/systemd/system/hello.service"),
                "[Service]\nExecStart=/bin/true\n# \u001b[2J\n");

        Cli cli = Cli.runWithoutBus("inspect", image.toString(), "--cat");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("-- os-release --\nID=hello\nPORTABLE_PREFIXES=hello\n"
                + "# \ttitle \\x1b]0;pwned\\x07 \\xc2\\x9b2J\\x0d\nUnit files:\n"), cli.out());
        assertTrue(cli.out().endsWith("-- hello.service --\n[Service]\nExecStart=/bin/true\n# \\x1b[2J\n"), cli.out());
        assertFalse(cli.out().contains("\u001b") || cli.out().contains("\u0007") || cli.out().contains("\r"),
                cli.out());
    }

    @Test
    void inspect_whoseErrorQuotesTheImage_showsItsControlCharactersAsHexEscapes() throws Exception {
        Path image = TestImages.directory(dir, "hello_1", "ID=hello\nPORTABLE_PREFIXES=hello\n"
                + "PORTAJAVA_HEALTH_URL=file:///\u001b[2J\u0007\n", "hello.service");

        Cli cli = Cli.runWithoutBus("inspect", image.toString());

        assertEquals(2, cli.code(), cli.out());
        assertTrue(cli.err().contains("[health] url 'file:///\\x1b[2J\\x07' is not"), cli.err());
        assertFalse(cli.err().contains("\u001b") || cli.err().contains("\u0007"), cli.err());
    }

    @Test
    void inspect_ofAnImageLinkingOut_exits2_andNeverPrintsTheFileItLinksTo() throws Exception {
        Path image = leaking();

        Cli cli = Cli.runWithoutBus("inspect", image.toString(), "--cat");

        assertEquals(2, cli.code());
        assertEquals("portajava: " + image + ": /usr/lib/systemd/system/hello-leak.service is a symlink to " + secret
                + ", which leaves the image", cli.errLine());
        assertFalse(cli.out().contains("secret-hash"), cli.out());
    }

    @Test
    void attach_ofAnImageLinkingOut_exits2_onBothBackends_andNothingIsAttached() throws Exception {
        Path image = leaking();

        Cli portabled = Cli.run(host, "attach", image.toString(), "--backend", "portabled");
        Cli offline = Cli.runWithoutBus("attach", "--backend", "native", "--root", root.toString(), image.toString(),
                "--image-path", "/var/lib/portables/hello_1");

        for (Cli cli : List.of(portabled, offline)) {
            assertEquals(2, cli.code(), cli.err());
            assertTrue(cli.errLine().endsWith("hello-leak.service is a symlink to " + secret
                    + ", which leaves the image"), cli.err());
        }
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
        assertFalse(Files.exists(root.resolve("etc")));
    }

    @Test
    void attach_ofRandomBytes_exits2_namingTheFile() throws Exception {
        byte[] noise = new byte[65536];
        new Random(10).nextBytes(noise);
        Path image = Files.write(dir.resolve("hello.raw"), noise);

        Cli portabled = Cli.run(host, "attach", image.toString());
        Cli offline = Cli.runWithoutBus("attach", "--root", root.toString(), image.toString(), "--image-path",
                "/var/lib/portables/hello.raw");
        Cli inspect = Cli.runWithoutBus("inspect", image.toString());

        for (Cli cli : List.of(portabled, offline, inspect)) {
            assertEquals(2, cli.code(), cli.err());
            assertTrue(cli.errLine().startsWith("portajava: " + image + ": neither a squashfs file system nor a GPT"
                    + " disk image (it starts with 0x"), cli.err());
        }
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
    }

    @Test
    void attach_withBackendPortabled_whenPortabledIsMasked_exits3() throws Exception {
        Path image = TestImages.hello(dir, "hello_1");
        host.portabled = false;

        Cli cli = Cli.run(host, "attach", image.toString(), "--backend", "portabled");

        assertEquals(3, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: --backend portabled: systemd-portabled cannot be started on"
                + " this system bus"), cli.err());
        assertTrue(host.calls.stream().noneMatch(c -> c.startsWith("attachImage")), host.calls::toString);
    }
}
