package dev.portajava.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code portable.toml} next to a POM: what it may add to the plugin's spec, and what it is refused. */
class ProjectSpecTest {

    @TempDir
    static Path projects;
    private static ServiceImage image;

    @BeforeAll
    static void writeProject() throws IOException {
        image = TestProject.write(projects.resolve("demo"), "from the image").image(ImageFormat.DIRECTORY, false);
    }

    private static Path spec(Path project, String toml) throws IOException {
        Files.createDirectories(project);
        return Files.writeString(project.resolve("portable.toml"), toml);
    }

    private static String refusal(Path file) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ProjectSpec.read(file, image));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void in_findsTheFileNextToThePom(@TempDir Path project) throws IOException {
        assertEquals(Optional.empty(), ProjectSpec.in(project));
        Path file = spec(project, "");
        assertEquals(Optional.of(file), ProjectSpec.in(project));
    }

    @Test
    void read_takesEntriesOsReleaseAndHealth_relativeSourcesInTheProject(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/etc"));
        Files.writeString(project.resolve("src/main/etc/app.conf"), "port=8080\n");
        Path file = spec(project, """
                [os-release]
                VERSION_CODENAME = "first"

                [[copy]]
                from = "src/main/etc"
                to = "/etc/demo"

                [[file]]
                from = "src/main/etc/app.conf"
                to = "/etc/demo.conf"

                [[file]]
                content = "hi\\n"
                to = "/usr/share/demo/greeting"

                [[symlink]]
                path = "/usr/bin/demo"
                target = "/usr/lib/demo/runtime/bin/java"

                [[directory]]
                path = "/srv/demo"

                [health]
                url = "http://127.0.0.1:8080/health"
                """);
        ImageSpec extra = ProjectSpec.read(file, image);
        Path base = project.toAbsolutePath().normalize();
        assertEquals("first", extra.osRelease().get("VERSION_CODENAME"));
        assertEquals(List.of(new ImageSpec.CopyTree(base.resolve("src/main/etc").toString(), "/etc/demo")),
                extra.copy());
        assertEquals(base.resolve("src/main/etc/app.conf").toString(), extra.file().get(0).from());
        assertEquals("hi\n", extra.file().get(1).content());
        assertEquals("/usr/bin/demo", extra.symlink().get(0).path());
        assertEquals("/srv/demo", extra.directory().get(0).path());
        assertEquals("http://127.0.0.1:8080/health", extra.healthCheck().orElseThrow().url().toString());
    }

    @Test
    void merged_keepsThePluginsImageAndTreesFirst_andReadsBack(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("www"));
        Path file = spec(project, """
                [os-release]
                VERSION_CODENAME = "first"

                [[copy]]
                from = "www"
                to = "/srv/www"

                [health]
                command = "test -d /srv/www"
                """);
        Path root = Files.createDirectories(project.resolve("target/portajava/root"));
        Path specFile = project.resolve("target/portajava/spec/portable.toml");
        ImageSpec generated = SpecLoader.read(specFile,
                SpecText.of(image, "demo.service", SpecText.toRoot(List.of(root))).getBytes(StandardCharsets.UTF_8));
        ImageSpec merged = ProjectSpec.merged(generated, ProjectSpec.read(file, image));
        ImageSpec back = SpecLoader.read(specFile, SpecLoader.write(merged).getBytes(StandardCharsets.UTF_8));
        assertEquals(generated.image(), back.image());
        assertEquals("trusted", back.osRelease().get(SpecText.PROFILE_FIELD));
        assertEquals("first", back.osRelease().get("VERSION_CODENAME"));
        assertEquals(List.of(root.toString(), project.toAbsolutePath().normalize().resolve("www").toString()),
                back.copy().stream().map(ImageSpec.CopyTree::from).toList(), "the plugin's tree, then the file's");
        assertEquals("test -d /srv/www", back.healthCheck().orElseThrow().command());
    }

    @Test
    void read_refusesThePluginsTables(@TempDir Path project) throws IOException {
        assertTrue(refusal(spec(project, "[image]\nname = \"other\"\n")).startsWith("[image] is set by the plugin"));
        assertTrue(refusal(spec(project, "[from]\nimage = \"oci:base\"\n")).startsWith("[from] cannot start"));
        assertTrue(refusal(spec(project, "[extension]\nbase-id = \"x\"\n")).startsWith("[extension] does not apply"));
    }

    @Test
    void read_refusesTheProfileField(@TempDir Path project) throws IOException {
        assertEquals("[os-release] may not set PORTAJAVA_PROFILE; it is written from the plugin's <profile>",
                refusal(spec(project, "[os-release]\nPORTAJAVA_PROFILE = \"strict\"\n")));
    }

    @Test
    void read_refusesPathsThePluginWrites(@TempDir Path project) throws IOException {
        assertEquals("[[file]] to = \"/usr/lib/demo/app/app.jar\" is in what the plugin writes (/usr/lib/demo: the"
                + " runtime, the jars and the start-up archive)",
                refusal(spec(project, "[[file]]\ncontent = \"x\"\nto = \"/usr/lib/demo/app/app.jar\"\n")));
        assertTrue(refusal(spec(project, "[[directory]]\npath = \"usr/lib/./demo\"\n"))
                .startsWith("[[directory]] path = \"usr/lib/./demo\" is in what the plugin writes"));
        assertTrue(refusal(spec(project, "[[symlink]]\npath = \"/usr/lib/systemd/system/demo.service\"\n"
                + "target = \"/dev/null\"\n")).contains("(the unit /usr/lib/systemd/system/demo.service)"));
    }

    @Test
    void read_refusesCopiesWhoseTreePutsFilesInWhatThePluginWrites(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve("root/usr/lib/demo/app"));
        Files.writeString(project.resolve("root/usr/lib/demo/app/app.jar"), "not the project's jar");
        String root = refusal(spec(project, "[[copy]]\nfrom = \"root\"\nto = \"/\"\n"));
        assertEquals("[[copy]] from = \"root\", to = \"/\": its usr/lib/demo would be /usr/lib/demo, in what the"
                + " plugin writes (/usr/lib/demo: the runtime, the jars and the start-up archive)", root);

        Files.createDirectories(project.resolve("usr-tree/lib/systemd/system"));
        Files.writeString(project.resolve("usr-tree/lib/systemd/system/demo.service"), "[Service]\n");
        String unit = refusal(spec(project, "[[copy]]\nfrom = \"usr-tree\"\nto = \"/usr\"\n"));
        assertTrue(unit.contains("its lib/systemd/system/demo.service would be /usr/lib/systemd/system/demo.service,"
                + " in what the plugin writes (the unit /usr/lib/systemd/system/demo.service)"), unit);
    }

    @Test
    void read_refusesCopiesWithASymlinkForADirectoryThatHoldsWhatThePluginWrites(@TempDir Path project)
            throws IOException {
        Files.createDirectories(project.resolve("lib-tree"));
        Files.createSymbolicLink(project.resolve("lib-tree/demo"), Path.of("/tmp"));
        assertTrue(refusal(spec(project, "[[copy]]\nfrom = \"lib-tree\"\nto = \"/usr/lib\"\n"))
                .contains("its demo would be /usr/lib/demo, in what the plugin writes"));
        // a symlink out of the project is not followed: it would replace /usr
        Files.createDirectories(project.resolve("root"));
        Files.createSymbolicLink(project.resolve("root/usr"), Path.of("/usr"));
        String usr = refusal(spec(project, "[[copy]]\nfrom = \"root\"\nto = \"/\"\n"));
        assertTrue(usr.contains("its usr, not a directory, would replace /usr, the directory that holds what the"
                + " plugin writes"), usr);
    }

    @Test
    void read_takesCopiesToADirectoryThatHoldsWhatThePluginWrites_besideIt(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("root/usr/lib/other"));
        Files.createDirectories(project.resolve("root/usr/lib/systemd/system"));
        Files.writeString(project.resolve("root/usr/lib/systemd/system/other.service"), "[Service]\n");
        Files.writeString(project.resolve("root/usr/lib/other/data"), "x");
        Files.createDirectories(project.resolve("root/etc"));
        Files.createSymbolicLink(project.resolve("root/etc/demo"), Path.of("/usr/lib/demo"));
        Path file = spec(project, "[[copy]]\nfrom = \"root\"\nto = \"/\"\n\n[[directory]]\npath = \"/usr/lib\"\n");
        assertEquals(1, ProjectSpec.read(file, image).copy().size());
    }

    @Test
    void read_refusesAFileOrSymlinkForADirectoryThatHoldsWhatThePluginWrites(@TempDir Path project)
            throws IOException {
        assertEquals("[[symlink]] path = \"/usr/lib\" would replace the directory that holds what the plugin writes"
                + " (/usr/lib/demo: the runtime, the jars and the start-up archive)",
                refusal(spec(project, "[[symlink]]\npath = \"/usr/lib\"\ntarget = \"/opt\"\n")));
        assertTrue(refusal(spec(project, "[[file]]\ncontent = \"x\"\nto = \"/usr/lib/systemd\"\n"))
                .startsWith("[[file]] to = \"/usr/lib/systemd\" would replace the directory"));
    }

    @Test
    void read_refusesSourcesOutsideTheProject(@TempDir Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project-secret"), "x");
        assertTrue(refusal(spec(project, "[[file]]\nfrom = \"../project-secret\"\nto = \"/x\"\n"))
                .contains("escapes the project directory"));
        Files.createSymbolicLink(project.resolve("link"), dir);
        assertTrue(refusal(spec(project, "[[copy]]\nfrom = \"link\"\n")).contains("through a symlink"));
        assertTrue(refusal(spec(project, "[[copy]]\nfrom = \"missing\"\n")).startsWith("[[copy]] from 'missing': no"
                + " such file in "));
    }

    @Test
    void read_refusesWhatTheBuilderRefuses_namingTheFileAndLine(@TempDir Path project) throws IOException {
        String syntax = refusal(spec(project, "[os-release]\nNAME = \"unterminated\n"));
        assertTrue(syntax.contains("line 2"), syntax);
        String unknown = refusal(spec(project, "[[file]]\ncontent = \"x\"\nto = \"/x\"\nmod = \"0644\"\n"));
        assertTrue(unknown.contains("mode"), unknown);
        String health = refusal(spec(project, "[health]\nurl = \"ftp://x\"\n"));
        assertTrue(health.contains("http"), health);
    }
}
