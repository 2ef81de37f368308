package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portajava build --from}: the options, and the errors a user sees before anything is fetched. */
class BuildFromCommandTest {

    @TempDir
    Path temp;

    private final FakeHost host = new FakeHost();

    private Cli run(String... args) {
        return Cli.run(host, Map.of("HOME", temp.toString(), "XDG_CACHE_HOME", temp.resolve("cache").toString()), args);
    }

    @Test
    void fromWithASpec_isAUsageError() throws IOException {
        Cli cli = run("build", temp.toString(), "--from", "oci:" + temp, "-o", temp.resolve("app.raw").toString());
        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("either a SPEC or --from"), cli.err());
    }

    @Test
    void fromWithAnOutputThatIsNoImageName_saysHowTheNameIsChosen() {
        Cli cli = run("build", "--from", "oci:" + temp, "-o", temp.resolve("-bad.raw").toString());
        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("NAME.raw or NAME_VERSION.raw"), cli.err());
    }

    @Test
    void fromWithAnOutputWhoseVersionIsNone_namesTheTagOfFrom_andTheOutputToGive_notTheImageTable() {
        Path out = temp.resolve("app_1.4_slim.raw");
        Cli cli = run("build", "--from", "registry.invalid:5000/app:1.4_slim", "-o", out.toString());
        assertEquals(2, cli.code(), cli.err());
        assertEquals("portajava: " + out + ": '1.4_slim' after the '_' would be the image's version, and is not one"
                + " (letters, digits and . ~ ^ + -); nor is the tag '1.4_slim' of --from"
                + " registry.invalid:5000/app:1.4_slim: name the output app_VERSION.raw with a version of those"
                + " characters, or app.raw for version 0", cli.err().strip());
    }

    @Test
    void fromAMissingLayout_failsInOneLineNamingIt_andWritesNothing() throws IOException {
        Path missing = temp.resolve("no-layout");
        Cli cli = run("build", "--from", "oci:" + missing, "-o", temp.resolve("app.raw").toString());
        assertEquals(2, cli.code(), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.errLine().contains(missing.toString()), cli.err());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.filter(p -> !p.getFileName().toString().equals("cache")).toList());
        }
    }

    @Test
    void insecureRegistry_withASpecWhoseFromIsReadFromThisMachine_isRefusedInOneLine_andWritesNothing()
            throws IOException {
        Path spec = fromSpec("oci:layout");
        Cli cli = run("build", spec.toString(), "--insecure-registry", "registry.example:5000", "-o",
                temp.resolve("app.raw").toString());
        assertEquals(2, cli.code(), cli.err());
        assertEquals("portajava: " + spec.resolve("portable.toml") + ": --insecure-registry has no effect: [from] image"
                + " 'oci:layout' is read from this machine, not a registry", cli.errLine());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(spec), left.toList());
        }
    }

    @Test
    void insecureRegistry_withASpecWhoseFromIsInARegistry_isTheRegistrys() throws IOException {
        Path spec = fromSpec("registry.invalid:5000/app:1");
        Cli cli = run("build", spec.toString(), "--insecure-registry", "registry.invalid:5000", "-o",
                temp.resolve("app.raw").toString());
        assertTrue(cli.code() != 0, cli.err());
        assertTrue(cli.errLine().contains("registry.invalid"), cli.err());
        assertFalse(cli.err().contains("--insecure-registry"), cli.err());
    }

    /** A spec directory whose [from] is {@code image}. */
    private Path fromSpec(String image) throws IOException {
        Path spec = Files.createDirectory(temp.resolve("spec"));
        Files.writeString(spec.resolve("portable.toml"),
                "[image]\nname = \"app\"\nversion = \"1\"\n\n[from]\nimage = \"" + image + "\"\n");
        return spec;
    }

    @Test
    void fromAnUnreachableRegistry_failsInOneLineNamingTheHost() {
        Cli cli = run("build", "--from", "registry.invalid:5000/app:1", "-o", temp.resolve("app.raw").toString());
        assertTrue(cli.code() != 0, cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.errLine().contains("registry.invalid"), cli.err());
    }
}
