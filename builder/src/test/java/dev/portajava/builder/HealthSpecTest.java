package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.OsRelease;
import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.health.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's {@code [health]} table: read, kept in the image's os-release, refused in one line when wrong. */
class HealthSpecTest {

    @TempDir
    Path dir;

    @Test
    void build_withHealthUrl_keepsTheCheckInTheImagesOsRelease() throws Exception {
        Path spec = SpecFixture.helloDir(dir.resolve("spec"), """
                [health]
                url = "http://127.0.0.1:8080/health"
                timeout = "3s"
                """);
        Path output = dir.resolve("out");

        ImageBuilder.load(spec).build(output);

        Map<String, String> osRelease = OsRelease.parse(Files.readString(output.resolve("usr/lib/os-release")));
        assertEquals("http://127.0.0.1:8080/health", osRelease.get("PORTAJAVA_HEALTH_URL"));
        assertEquals("3s", osRelease.get("PORTAJAVA_HEALTH_TIMEOUT"));
        assertFalse(osRelease.containsKey("PORTAJAVA_HEALTH_COMMAND"));
        assertEquals(Optional.of(HealthCheck.parse(null, "http://127.0.0.1:8080/health", "3s")),
                HealthCheck.fromOsRelease(osRelease));
    }

    @Test
    void build_withHealthCommand_quotesItForTheShell() throws Exception {
        Path spec = SpecFixture.helloDir(dir.resolve("spec"), """
                [health]
                command = "test -f \\"$STATE_DIRECTORY/count\\""
                """);
        Path output = dir.resolve("out");

        ImageBuilder.load(spec).build(output);

        String text = Files.readString(output.resolve("usr/lib/os-release"));
        assertTrue(text.contains("PORTAJAVA_HEALTH_COMMAND=\"test -f \\\"\\$STATE_DIRECTORY/count\\\"\"\n"), text);
        assertTrue(text.contains("PORTAJAVA_HEALTH_TIMEOUT=10s\n"), text);
        assertEquals("test -f \"$STATE_DIRECTORY/count\"", HealthCheck.fromOsRelease(OsRelease.parse(text))
                .orElseThrow().command());
    }

    @Test
    void build_withoutHealth_writesNoHealthField() throws Exception {
        Path output = dir.resolve("out");

        ImageBuilder.load(SpecFixture.helloDir(dir.resolve("spec"), "")).build(output);

        assertFalse(Files.readString(output.resolve("usr/lib/os-release")).contains("PORTAJAVA_HEALTH"));
    }

    @Test
    void write_thenLoad_keepsTheHealthCheck() throws Exception {
        ImageSpec spec = ImageSpec.load(SpecFixture.helloDir(dir.resolve("spec"), """
                [health]
                command = "wget -q -O /dev/null http://127.0.0.1/"
                timeout = "1500ms"
                """));
        assertEquals(Duration.ofMillis(1500), spec.healthCheck().orElseThrow().timeout());
        Path file = Files.writeString(dir.resolve("written.toml"), SpecLoader.write(spec));

        assertEquals(spec, SpecLoader.load(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            url = "ftp://127.0.0.1/x"                          | [health] url 'ftp://127.0.0.1/x' is not an http:// or https:// URL
            url = "http://h/"\\ncommand = "true"                | [health] needs either command or url, not both
            timeout = "5s"                                      | [health] needs either command or url, and has neither
            command = "true"\\ntimeout = "5 seconds"            | [health] timeout '5 seconds' is not a time such as 10s, 500ms or 2min
            command = "true"\\ntimeout = 5                      | [health] timeout = 5 must be a string
            command = "true"\\nretries = 3                      | unknown key [health] retries
            """)
    void load_whenHealthIsWrong_refusesInOneLineNamingTheFile(String table, String problem) {
        Path file = SpecFixture.write(dir.resolve("portable.toml"), SpecFixture.helloSpec("[health]\n"
                + table.replace("\\n", "\n") + "\n"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        ImageSpecTest.assertOneLine(e, file, problem);
    }

    @Test
    void load_osReleaseSettingAHealthField_isRefused() {
        Path file = SpecFixture.write(dir.resolve("portable.toml"), SpecFixture.helloSpec(
                "[os-release]\nPORTAJAVA_HEALTH_URL = \"http://h/\"\n"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        ImageSpecTest.assertOneLine(e, file, "[os-release] may not set PORTAJAVA_HEALTH_URL; it is written from the"
                + " [health] table");
    }

    @Test
    void load_extensionWithHealth_isRefused() {
        Path file = SpecFixture.write(dir.resolve("portable.toml"), """
                [image]
                name = "app"
                version = "1.0"
                kind = "extension"
                units = ["app.service"]

                [extension]
                base-id = "_any"

                [health]
                command = "true"
                """);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        ImageSpecTest.assertOneLine(e, file, "[health] belongs to portable images");
    }
}
