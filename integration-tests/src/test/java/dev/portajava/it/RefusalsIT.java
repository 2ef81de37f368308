package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal, through the real command: one line naming the file and the problem, the documented exit code,
 * and nothing written — no image, no temporary next to it, no unit or drop-in on the host.
 */
class RefusalsIT {

    private static final String BUSYBOX = """
            [[file]]
            from = "/bin/busybox"
            to = "/usr/bin/busybox"
            mode = "0755"
            """;

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void start() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
    }

    static Stream<Arguments> badSpecs() {
        String service = "[Service]\nExecStart=/usr/bin/busybox sleep 60\n";
        return Stream.of(
                Arguments.of("a unit without the image's prefix", "other.service", service, "",
                        "portable.toml: unit /usr/lib/systemd/system/other.service does not carry the image's prefix (hello)"),
                Arguments.of("a unit type portabled will not take", "hello.mount", "[Mount]\nWhat=tmpfs\n", "",
                        "hello.mount: 'hello.mount' is not a unit type portable services may ship"),
                Arguments.of("ExecStart= not in the image", "hello.service", "[Service]\nExecStart=/usr/bin/missing\n", "",
                        "portable.toml: unit /usr/lib/systemd/system/hello.service line 2 ExecStart=/usr/bin/missing: no such program in the image"),
                Arguments.of("ExecStartPre= found only on the host", "hello.service",
                        "[Service]\nExecStartPre=/bin/sh -c true\nExecStart=/usr/bin/busybox sleep 60\n", "",
                        "portable.toml: unit /usr/lib/systemd/system/hello.service line 2 ExecStartPre=/bin/sh: no such program in the image"),
                Arguments.of("a source path escaping the spec directory", "hello.service", service,
                        "[[file]]\nfrom = \"../outside.txt\"\nto = \"/etc/outside\"\n", "portable.toml: [[file]] from '../outside.txt' escapes the spec directory"),
                Arguments.of("an unknown key", "hello.service", service, "[[file]]\nsource = \"x\"\nto = \"/x\"\n",
                        "portable.toml: unknown key [[file]] #2 source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void build_badSpec_refusesWithOneLineAndWritesNothing(String what, String unit, String unitText, String extraToml,
            String expected, @TempDir Path work) throws IOException {
        Path specDir = Files.createDirectories(work.resolve("spec"));
        Files.writeString(work.resolve("outside.txt"), "outside");
        Files.writeString(specDir.resolve("portable.toml"), "[image]\nname = \"hello\"\nversion = \"1\"\n"
                + "units = [\"" + unit + "\"]\n\n" + BUSYBOX + "\n" + extraToml);
        Files.writeString(specDir.resolve(unit), unitText);
        Path out = Files.createDirectory(work.resolve("out"));

        Portajava.Result result = portajava.run("build", specDir.toString(), "-o", out.resolve("hello.raw").toString());

        result.assertExit(2);
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
        assertTrue(result.err().startsWith("portajava: " + specDir), result.err()); // the spec, or the unit it lists
        assertTrue(result.err().contains(expected), result.err());
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(List.of(), written.toList(), "nothing is written for " + what);
        }
    }

    @Test
    void build_existingOutput_isRefusedUnlessForced(@TempDir Path work) throws IOException {
        Path output = work.resolve("hello.raw");
        Files.writeString(output, "not an image");
        Portajava.Result refused = portajava.run("build", Portajava.SAMPLES.resolve("hello").toString(), "-o", output.toString());
        refused.assertExit(2);
        assertTrue(refused.err().contains("already exists; use --force"), refused.err());
        assertEquals("not an image", Files.readString(output), "the existing file is untouched");

        portajava.run("build", Portajava.SAMPLES.resolve("hello").toString(), "-o", output.toString(), "--force").assertOk();
        assertTrue(Files.size(output) > 4096, "replaced by the image");
    }

    @Test
    void attach_unknownProfile_isRefusedBeforeAnythingIsAttached() {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello.raw");
        Portajava.Result result = portajava.run("attach", image.toString(), "--profile", "nope", "--now");
        result.assertExit(2);
        assertEquals("portajava: unknown profile 'nope'; known profiles: default, jit, nonetwork, strict, trusted",
                result.err().strip());
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        assertEquals("detached", portajava.run("is-attached", image.toString()).assertExit(1).out().strip());
    }

    @Test
    void attach_twice_isRefusedAndKeepsTheFirstAttachment() {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello.raw");
        try {
            portajava.run("attach", image.toString(), "--now").assertOk();
            Portajava.Result again = portajava.run("attach", image.toString(), "--profile", "strict");
            again.assertExit(1);
            assertEquals("portajava: hello.service already exists on this host; detach it or use --force",
                    again.err().strip());
            assertEquals("running", systemd.unitProperty("hello.service", "SubState"));

            Portajava.Result detach = portajava.run("detach", image.toString());
            detach.assertExit(1);
            assertEquals("portajava: hello.service is active; stop it first, or detach with --now", detach.err().strip());
        } finally {
            portajava.run("detach", image.toString(), "--now").assertOk();
        }
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    @Test
    void attach_missingImage_isBadInput() {
        Portajava.Result result = portajava.run("attach", systemd.imagesDir().resolve("missing.raw").toString());
        result.assertExit(2);
        assertTrue(result.err().startsWith("portajava: " + systemd.imagesDir().resolve("missing.raw")), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void attachNow_ofAServiceThatDies_failsInsteadOfReportingSuccess(@TempDir Path work) throws IOException {
        Path specDir = Files.createDirectories(work.resolve("spec"));
        Files.writeString(specDir.resolve("portable.toml"), "[image]\nname = \"dies\"\nversion = \"1\"\n"
                + "units = [\"dies.service\"]\n\n" + BUSYBOX);
        Files.writeString(specDir.resolve("dies.service"), "[Service]\nExecStart=/usr/bin/busybox false\n");
        Path image = systemd.imagesDir().resolve("dies.raw");
        portajava.run("build", specDir.toString(), "-o", image.toString(), "--force").assertOk();
        try {
            Portajava.Result result = portajava.run("attach", image.toString(), "--now");
            result.assertExit(1);
            assertTrue(result.err().contains("dies.service failed right after it started"), result.err());
            assertTrue(result.err().contains("journalctl -u dies.service"), result.err());
        } finally {
            portajava.run("detach", image.toString(), "--now");
        }
        AttachProfilesIT.assertNothingLeft(systemd, "dies");
    }

    @Test
    void inspect_withoutABus_readsTheImageItself() {
        Path image = portajava.buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");

        Portajava.Result inspect = new Portajava("unix:path=/nonexistent/bus").run("inspect", image.toString(), "--cat")
                .assertOk();

        assertTrue(inspect.out().startsWith("Image:\n    " + image + "\nPortable Service:\n"), inspect.out());
        assertTrue(inspect.out().contains("\nPORTABLE_PREFIXES=hello\n"), inspect.out());
        assertTrue(inspect.out().contains("Unit files:\n    hello.service\n-- hello.service --\n[Unit]\n"), inspect.out());
        assertEquals(portajava.run("inspect", image.toString(), "--cat").assertOk().out(), inspect.out(),
                "the same as with a bus");
    }

    @Test
    void attach_ofRandomBytes_isBadInput_onBothBackends() throws IOException {
        byte[] noise = new byte[1 << 20];
        new java.util.Random(7).nextBytes(noise);
        Path image = Files.write(systemd.imagesDir().resolve("noise.raw"), noise);
        try {
            for (Portajava.Result result : List.of(portajava.run("attach", image.toString()),
                    systemd.portajava("attach", "--backend", "native", image.toString()))) {
                result.assertExit(2);
                assertTrue(result.err().strip().startsWith("portajava: " + image + ": neither a squashfs file system"
                        + " nor a GPT disk image (it starts with 0x"), result.err());
                assertEquals(1, result.err().strip().lines().count(), result.err());
            }
            AttachProfilesIT.assertNothingLeft(systemd, "noise");
        } finally {
            Files.delete(image);
        }
    }

    @Test
    void anyCommand_withoutABus_isAnEnvironmentError() {
        Portajava.Result result = new Portajava("unix:path=/nonexistent/bus").run("list");
        result.assertExit(3);
        assertTrue(result.err().startsWith("portajava: cannot connect to the system bus at unix:path=/nonexistent/bus"),
                result.err());
    }
}
