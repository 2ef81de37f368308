package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.helloDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.OsRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [image] scope = "user"}: an image for a user's service manager ({@code portablectl --user}, systemd 260+). */
class UserScopeBuildTest {

    private static void setScope(Path spec, String line) throws Exception {
        Path file = spec.resolve("portable.toml");
        Files.writeString(file, Files.readString(file).replace("version = \"1.0\"", "version = \"1.0\"\n" + line));
    }

    @Test
    void build_userScope_installsTheUnitsForUsers_andSaysSoInOsRelease(@TempDir Path temp) throws Exception {
        Path spec = helloDir(temp.resolve("spec"), "");
        setScope(spec, "scope = \"user\"");
        Path output = temp.resolve("hello");

        ImageBuilder.load(spec).build(output);

        assertTrue(Files.isRegularFile(output.resolve("usr/lib/systemd/user/hello.service")));
        assertFalse(Files.exists(output.resolve("usr/lib/systemd/system/hello.service")));
        Map<String, String> osRelease = OsRelease.parse(Files.readString(output.resolve("usr/lib/os-release")));
        assertEquals("user", osRelease.get("PORTABLE_SCOPE"));
        assertEquals("hello", osRelease.get("PORTABLE_PREFIXES"));
    }

    @Test
    void build_systemScope_writesNoScopeField_asBefore(@TempDir Path temp) throws Exception {
        Path spec = helloDir(temp.resolve("spec"), "");
        setScope(spec, "scope = \"system\"");
        Path output = temp.resolve("hello");

        ImageBuilder.load(spec).build(output);

        assertTrue(Files.isRegularFile(output.resolve("usr/lib/systemd/system/hello.service")));
        assertFalse(Files.readString(output.resolve("usr/lib/os-release")).contains("PORTABLE_SCOPE"));
    }

    @Test
    void load_unknownScope_isRefusedNamingTheChoices(@TempDir Path temp) throws Exception {
        Path spec = helloDir(temp.resolve("spec"), "");
        setScope(spec, "scope = \"users\"");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(spec));

        assertTrue(e.getMessage().endsWith("[image] scope = \"users\" is not a scope; use \"system\" or \"user\""),
                e.getMessage());
    }

    @Test
    void load_scopeInOsReleaseTable_isRefused_itIsWrittenFromTheImageTable(@TempDir Path temp) throws Exception {
        Path spec = helloDir(temp.resolve("spec"), "[os-release]\nPORTABLE_SCOPE = \"user\"\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(spec));

        assertTrue(e.getMessage().contains("[os-release] may not set PORTABLE_SCOPE"), e.getMessage());
    }
}
