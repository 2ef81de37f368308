package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that would destroy the user's files, named as a user types them, relative to the directory the command
 * runs in: each is refused with one line and exit 2, and every file is still there, byte for byte.
 */
class BuildOutputCommandTest {

    private static final String SPEC = TestSpecs.HELLO + """

            [[copy]]
            from = "www"
            to = "/srv/www"
            """;

    @TempDir
    Path temp;

    private Path project;
    private Path app;
    private Map<String, String> environment;

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectory(temp.resolve("proj"));
        app = Files.createDirectory(project.resolve("app"));
        Files.writeString(app.resolve("portable.toml"), SPEC);
        Files.writeString(app.resolve("hello.service"), "[Service]\nExecStart=/usr/bin/hello\n");
        Files.createDirectories(app.resolve("www/usr/lib"));
        Files.writeString(app.resolve("www/usr/lib/os-release"), "ID=www\n");
        Files.writeString(app.resolve("www/index.html"), "<p>hello</p>\n");
        Files.createDirectories(project.resolve("sibling/src"));
        Files.writeString(project.resolve("sibling/src/Main.java"), "class Main {}\n");
        Files.createDirectories(temp.resolve("cache/portajava/blobs"));
        environment = Map.of("HOME", temp.toString(), "XDG_CACHE_HOME", temp.resolve("cache").toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    @Test
    void build_whenOutputIsAParentOfTheCurrentDirectory_exits2AndKeepsEveryFile() {
        String line = refused(app, "build", ".", "-o", "../..", "--force");

        assertEquals("portajava: ../..: the output may not be the current directory (" + app + ") or one of its"
                + " parents; name the image to write, such as NAME.raw", line);
    }

    @Test
    void build_whenOutputIsDot_exits2AndKeepsEveryFile() {
        String line = refused(app, "build", ".", "-o", ".");

        assertEquals("portajava: .: the output may not be the current directory (" + app + ") or one of its"
                + " parents; name the image to write, such as NAME.raw", line);
    }

    @Test
    void build_whenOutputIsEmpty_exits2AndKeepsEveryFile() {
        String line = refused(app, "build", "-o", "", "--force");

        assertEquals("portajava: \"\": the output may not be the current directory (" + app + ") or one of its"
                + " parents; name the image to write, such as NAME.raw", line);
    }

    @Test
    void build_whenOutputIsTheSpecFile_exits2AndKeepsEveryFile() {
        String line = refused(project, "build", "app", "-o", "app/portable.toml", "--force");

        assertEquals("portajava: app/portable.toml: is " + app.resolve("portable.toml") + ", which this build reads;"
                + " --force never replaces an input", line);
    }

    @Test
    void build_whenOutputIsACopiedTree_exits2AndKeepsEveryFile() {
        String line = refused(project, "build", "app", "-o", "app/www", "--force");

        assertEquals("portajava: app/www: is " + app.resolve("www") + ", which this build reads;"
                + " --force never replaces an input", line);
    }

    @Test
    void build_whenOutputIsTheCache_exits2AndKeepsEveryFile() {
        String line = refused(project, "build", "app", "-o", "../cache/portajava", "--force");

        assertEquals("portajava: ../cache/portajava: is " + temp.resolve("cache/portajava")
                + ", which this build reads; --force never replaces an input", line);
    }

    @Test
    void build_whenOutputIsASiblingProject_exits2AndKeepsEveryFile() {
        String line = refused(project, "build", "app", "-o", "sibling", "--force");

        assertEquals("portajava: sibling: is a directory without an os-release, not an image; --force replaces only a"
                + " regular file or a directory image (one with usr/lib/os-release or etc/os-release, or an"
                + " extension's usr/lib/extension-release.d/extension-release.NAME)", line);
    }

    /** Runs the command in {@code directory}, expects exit 2 and one line, and checks that no file changed. */
    private String refused(Path directory, String... args) {
        Map<Path, String> before = TreeSnapshot.of(temp);
        CliProcess run = CliProcess.run(directory, environment, args);
        assertEquals(2, run.code(), run.err());
        assertEquals("", run.out());
        assertEquals(before, TreeSnapshot.of(temp), "every file as it was, nothing added");
        return run.errLine();
    }
}
