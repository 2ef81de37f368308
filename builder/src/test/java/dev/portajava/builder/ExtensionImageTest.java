package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.names;
import static dev.portajava.builder.SpecFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.SquashfsEntry;
import dev.portajava.squashfs.SquashfsImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extension images ({@code [image] kind = "extension"}), read back with the project's own squashfs reader: the
 * extension-release portabled looks for, no os-release, the strict xattr, programs checked against {@code --base}.
 */
class ExtensionImageTest {

    /** An extension "app" whose service runs the base's /usr/bin/sh on a script of its own. */
    static final String APP_SPEC = """
            [image]
            name = "app"
            version = "2.0"
            kind = "extension"
            units = ["app.service"]

            [extension]
            base-id = "hello"
            base-version-id = "1"

            [[file]]
            content = "echo app\\n"
            to = "/usr/share/app/run.sh"
            """;

    static final String APP_UNIT = "[Service]\nExecStart=/usr/bin/sh /usr/share/app/run.sh\n";

    @TempDir
    Path temp;

    private Path app;
    private Path out;
    private Path base;

    @BeforeEach
    void images() throws Exception {
        app = Files.createDirectory(temp.resolve("app"));
        out = Files.createDirectory(temp.resolve("out"));
        base = out.resolve("hello.raw");
        Path hello = helloDir(Files.createDirectory(temp.resolve("hello")), """
                [os-release]
                VERSION_ID = "1"
                """);
        ImageBuilder.load(hello).build(base);
        write(app.resolve("app.service"), APP_UNIT);
    }

    @Test
    void build_extension_writesItsExtensionReleaseAndNoOsRelease() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);

        ImageBuilder.load(app).withExtendedImage(base).build(out.resolve("app.raw"));

        try (SquashfsImage image = SquashfsImage.open(out.resolve("app.raw"))) {
            assertEquals("""
                    ID=hello
                    VERSION_ID=1
                    SYSEXT_SCOPE=portable
                    SYSEXT_IMAGE_ID=app
                    SYSEXT_IMAGE_VERSION=2.0
                    PORTABLE_PRETTY_NAME="app 2.0"
                    PORTABLE_PREFIXES=app
                    """, read(image, "/usr/lib/extension-release.d/extension-release.app"));
            assertTrue(image.lookup("/usr/lib/extension-release.d/extension-release.app").get().xattrs().isEmpty());
            for (String absent : List.of("/usr/lib/os-release", "/etc/os-release", "/etc/machine-id", "/proc")) {
                assertEquals(Optional.empty(), image.lookup(absent), absent);
            }
            assertTrue(image.lookup("/usr/lib/systemd/system/app.service").isPresent());
        }
    }

    @Test
    void build_withReleaseNameAndStrictFalse_namesTheFileSoAndSetsTheXattr() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("base-version-id = \"1\"",
                "base-sysext-level = \"2\"\nrelease-name = \"app_2\"\nstrict = false"));

        ImageBuilder.load(app).build(out.resolve("app.raw"));

        try (SquashfsImage image = SquashfsImage.open(out.resolve("app.raw"))) {
            SquashfsEntry release = image.lookup("/usr/lib/extension-release.d/extension-release.app_2").orElseThrow();
            assertEquals(List.of("user.extension-release.strict"), release.xattrs().names());
            assertEquals("false", new String(release.xattrs().get("user.extension-release.strict").orElseThrow(),
                    StandardCharsets.UTF_8));
            assertTrue(read(image, release.path()).contains("SYSEXT_LEVEL=2\n"));
            assertEquals(Optional.empty(), image.lookup("/usr/lib/extension-release.d/extension-release.app"));
        }
    }

    @Test
    void build_anyBase_writesIdAnyAndNoVersion() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("base-id = \"hello\"\nbase-version-id = \"1\"",
                "base-id = \"_any\""));

        ImageBuilder.load(app).withExtendedImage(base).build(out.resolve("app.raw"));

        try (SquashfsImage image = SquashfsImage.open(out.resolve("app.raw"))) {
            String release = read(image, "/usr/lib/extension-release.d/extension-release.app");
            assertTrue(release.startsWith("ID=_any\nSYSEXT_SCOPE=portable\n"), release);
        }
    }

    @Test
    void build_extensionAsDirectory_holdsTheExtensionReleaseAndCanBeReplaced() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);
        Path directory = out.resolve("app");

        ImageBuilder.load(app).withExtendedImage(base).build(directory);
        ImageBuilder.load(app).withExtendedImage(base).withForce(true).build(directory);

        assertTrue(Files.readString(directory.resolve("usr/lib/extension-release.d/extension-release.app"))
                .contains("SYSEXT_SCOPE=portable\n"));
        assertFalse(Files.exists(directory.resolve("usr/lib/os-release")));
        assertEquals(List.of("usr"), names(directory));
    }

    @Test
    void build_fileXattrs_areInTheImage() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("to = \"/usr/share/app/run.sh\"",
                "to = \"/usr/share/app/run.sh\"\nxattrs = { \"user.origin\" = \"spec\" }"));

        ImageBuilder.load(app).withExtendedImage(base).build(out.resolve("app.raw"));

        try (SquashfsImage image = SquashfsImage.open(out.resolve("app.raw"))) {
            assertEquals("spec", new String(image.lookup("/usr/share/app/run.sh").orElseThrow().xattrs()
                    .get("user.origin").orElseThrow(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void build_withoutBase_warnsThatTheProgramIsNotInTheExtension() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(app).withListener(events::add).build(out.resolve("app.raw"));

        assertTrue(events.stream().anyMatch(e -> e.warning() && e.message().contains(
                "ExecStart=/usr/bin/sh: no such program in the extension's /usr or /opt")
                && e.message().contains("give --base IMAGE")), events.toString());
    }

    @Test
    void build_programThroughTheBasesSymlinkIntoTheExtensionsUsr_isFoundWithItsInterpreter() throws Exception {
        // /bin is the base's link to usr/bin; /usr/bin/app is the extension's, its #!/bin/sh the base's
        write(app.resolve("portable.toml"), APP_SPEC + """
                [[file]]
                content = "#!/bin/sh\\necho app\\n"
                to = "/usr/bin/app"
                mode = "0755"
                """);
        write(app.resolve("app.service"), "[Service]\nExecStart=/bin/app\n");
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(app).withExtendedImage(base).withListener(events::add).build(out.resolve("app.raw"));

        assertTrue(events.stream().noneMatch(BuildEvent::warning), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.message().equals("1 programs found in the image")), events.toString());
    }

    /**
     * portabled takes the base's units first, then each extension's, and ignores a unit whose name is taken (the
     * README's order; ExtensionsIT sees the real portabled do so): an extension's unit that --base also has never
     * runs, so its programs are not checked, and a warning says the base's runs instead.
     */
    @Test
    void build_unitTheBaseAlsoHas_isNotChecked_andAWarningSaysTheBasesRunsInstead() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("units = [\"app.service\"]",
                "prefixes = [\"app\", \"hello\"]\nunits = [\"app.service\", \"hello.service\"]"));
        write(app.resolve("hello.service"), "[Service]\nExecStart=/usr/bin/python3 /usr/share/app/run.py\n");
        List<BuildEvent> events = new ArrayList<>();

        ImageBuilder.load(app).withExtendedImage(base).withListener(events::add).build(out.resolve("app.raw"));

        assertTrue(events.stream().anyMatch(e -> e.warning() && e.message().contains(
                "unit /usr/lib/systemd/system/hello.service: --base " + base + " has /usr/lib/systemd/system/hello.service,"
                + " which portabled attaches instead (the base's units come first, then each extension's)")),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.message().equals("1 programs found in the image")), events.toString());
    }

    @Test
    void build_whenTheScriptsInterpreterIsInNeitherImage_refuses() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC + """
                [[file]]
                content = "#!/usr/bin/perl\\nprint 1\\n"
                to = "/usr/bin/app"
                mode = "0755"
                """);
        write(app.resolve("app.service"), "[Service]\nExecStart=/usr/bin/app\n");

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertTrue(e.getMessage().contains("ExecStart=/usr/bin/app") && e.getMessage().contains("/usr/bin/perl"),
                e.getMessage());
    }

    @Test
    void build_whenProgramIsNeitherInTheExtensionNorInTheBase_refuses() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);
        write(app.resolve("app.service"), "[Service]\nExecStart=/usr/bin/python3 /usr/share/app/run.py\n");

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertEquals(app.resolve("portable.toml") + ": unit /usr/lib/systemd/system/app.service line 2"
                + " ExecStart=/usr/bin/python3: no such program in the extension's /usr or /opt, nor in --base "
                + base, e.getMessage());
    }

    @Test
    void build_whenProgramIsOnlyOutsideTheExtensionsUsr_refusesWithBase() throws Exception {
        // systemd lays only /usr and /opt of an extension over its base: /srv/app is not seen by the service
        write(app.resolve("portable.toml"), APP_SPEC + """
                [[file]]
                content = "#!/usr/bin/sh\\necho app\\n"
                to = "/srv/app"
                mode = "0755"
                """);
        write(app.resolve("app.service"), "[Service]\nExecStart=/srv/app\n");

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertTrue(e.getMessage().contains("ExecStart=/srv/app: no such program in the extension's /usr or /opt,"
                + " nor in --base"), e.getMessage());
    }

    @Test
    void build_whenBaseIdDiffers_refusesAsPortabledWould() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("base-id = \"hello\"", "base-id = \"debian\""));

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertEquals(app.resolve("portable.toml") + ": [extension] base-id = \"debian\", but the base has ID=hello"
                + " (--base " + base + "); portabled refuses to attach an extension whose release does not match its"
                + " base's", e.getMessage());
    }

    @Test
    void build_whenBaseVersionDiffers_refuses() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("base-version-id = \"1\"", "base-version-id = \"2\""));

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertTrue(e.getMessage().contains("[extension] base-version-id = \"2\", but the base has VERSION_ID=1"),
                e.getMessage());
    }

    @Test
    void build_whenBaseIsNoImage_refusesNamingIt() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);
        Path text = write(temp.resolve("notes.txt"), "not an image\n");

        InvalidSpecException e = assertRefused(app, "app.raw", text);

        assertEquals(text + ": not an image for --base: neither a squashfs file system, a GPT disk image nor a"
                + " directory", e.getMessage());
    }

    @Test
    void build_whenBaseIsMissing_refuses() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);

        InvalidSpecException e = assertRefused(app, "app.raw", temp.resolve("nope.raw"));

        assertEquals(temp.resolve("nope.raw") + ": not an image for --base: no such image", e.getMessage());
    }

    @Test
    void build_whenBaseIsAnExtension_refusesForItsMissingOsRelease() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC);
        ImageBuilder.load(app).build(out.resolve("other.raw"));

        InvalidSpecException e = assertRefused(app, "app.raw", out.resolve("other.raw"));

        assertTrue(e.getMessage().endsWith("not an image for --base: it has no os-release (/etc/os-release or"
                + " /usr/lib/os-release)"), e.getMessage());
    }

    @Test
    void build_portableImageWithBase_isRefused() throws Exception {
        Path hello = helloDir(Files.createDirectory(temp.resolve("hello2")), "");

        InvalidSpecException e = assertRefused(hello, "hello2.raw", base);

        assertTrue(e.getMessage().contains("--base " + base + " is for extension images only"), e.getMessage());
    }

    @Test
    void build_whenTreeShipsAnOsRelease_refuses() throws Exception {
        for (String path : List.of("/usr/lib/os-release", "/etc/os-release")) {
            write(app.resolve("portable.toml"), APP_SPEC + "[[file]]\ncontent = \"ID=app\\n\"\nto = \"" + path + "\"\n");

            InvalidSpecException e = assertRefused(app, "app.raw", base);

            assertEquals(app.resolve("portable.toml") + ": the tree ships " + path + ", which an extension may not"
                    + " have: laid over its base it would hide the base's os-release; remove it", e.getMessage());
        }
    }

    @Test
    void build_whenTreeShipsAnExtensionRelease_refuses() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC
                + "[[file]]\ncontent = \"ID=_any\\n\"\nto = \"/usr/lib/extension-release.d/extension-release.x\"\n");

        InvalidSpecException e = assertRefused(app, "app.raw", base);

        assertTrue(e.getMessage().contains("the tree ships /usr/lib/extension-release.d/extension-release.x; an"
                + " extension's extension-release is written from [image] and [extension]"), e.getMessage());
    }

    @Test
    void build_strictWithMksquashfs_isRefused() throws Exception {
        write(app.resolve("portable.toml"), APP_SPEC.replace("base-version-id = \"1\"",
                "base-version-id = \"1\"\nstrict = false"));

        List<String> before = names(out);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ImageBuilder.load(app).withEngine(Engine.MKSQUASHFS).build(out.resolve("app.raw")));

        assertTrue(e.getMessage().contains("mksquashfs does not write from a build; use --engine java"),
                e.getMessage());
        assertEquals(before, names(out));
    }

    private InvalidSpecException assertRefused(Path spec, String output, Path extended) throws IOException {
        List<String> before = names(out);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ImageBuilder.load(spec).withExtendedImage(extended).build(out.resolve(output)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, names(out), "nothing written");
        return e;
    }

    private static String read(SquashfsImage image, String path) throws Exception {
        return new String(image.readAllBytes(image.lookup(path).orElseThrow(), 1 << 16), StandardCharsets.UTF_8);
    }
}
