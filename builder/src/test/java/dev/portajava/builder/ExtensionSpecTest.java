package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code [image] kind} and {@code [extension]} as the spec loader reads and refuses them: one line, exit 2. */
class ExtensionSpecTest {

    private static final String IMAGE = """
            [image]
            name = "app"
            version = "1.0"
            kind = "extension"
            units = ["app.service"]
            """;

    @TempDir
    Path dir;

    @Test
    void load_extension_bindsKindAndExtension() throws Exception {
        ImageSpec spec = ImageSpec.load(write(IMAGE + """
                [extension]
                base-id = "debian"
                base-version-id = "12"
                release-name = "app_2"
                strict = false

                [[directory]]
                path = "/usr/share/app"
                xattrs = { "user.a" = "b" }
                """));

        assertEquals(ImageKind.EXTENSION, spec.image().kind());
        assertEquals(new ImageSpec.Extension("debian", "12", null, "app_2", false), spec.extension());
        assertEquals(Map.of("user.a", "b"), spec.directory().get(0).xattrs());
    }

    @Test
    void load_withoutKind_isAPortableImage() throws Exception {
        ImageSpec spec = ImageSpec.load(write(IMAGE.replace("kind = \"extension\"\n", "")));

        assertEquals(ImageKind.PORTABLE, spec.image().kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kind = "sysext"                                   | | [image] kind = "sysext" is not a kind of image; use "portable" or "extension"
            kind = 1                                          | | [image] kind = 1 must be a string such as "1"
            kind = "extension"                                | | [image] kind = "extension" needs an [extension] table: the base it extends (base-id, base-version-id or base-sysext-level)
            kind = "extension"                                | [extension]\\nbase-version-id = "12" | [extension] base-id is missing: the ID= of the base image's os-release, or "_any" for any base
            kind = "extension"                                | [extension]\\nbase-id = "Debian"\\nbase-version-id = "12" | [extension] base-id = "Debian" is not an os-release value (lower-case letters, digits, '.', '_' and '-')
            kind = "extension"                                | [extension]\\nbase-id = "debian" | [extension] base-version-id is missing: the VERSION_ID= of the base image (or base-sysext-level, its SYSEXT_LEVEL=), which portabled requires to match
            kind = "extension"                                | [extension]\\nbase-id = "debian"\\nbase-version-id = "12 beta" | [extension] base-version-id = "12 beta" is not an os-release value
            kind = "extension"                                | [extension]\\nbase-id = "debian"\\nbase-sysext-level = "" | [extension] base-sysext-level = "" is not an os-release value
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\nbase-version-id = "12" | [extension] base-version-id has no effect with base-id = "_any", which extends any base whatever its version; remove it
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\nrelease-name = "../x" | [extension] release-name '../x' is not an image name
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\nstrict = "false" | [extension] strict = "false" must be true or false, without quotes
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\nbase = "x" | unknown key [extension] base (known keys: base-id, base-sysext-level, base-version-id, release-name, strict)
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\n[os-release]\\nNAME = "x" | [os-release] belongs to portable images: an extension has no os-release, its extension-release is written from [image] and [extension]
            kind = "extension"                                | [extension]\\nbase-id = "_any"\\n[from]\\nimage = "oci:x" | [from] cannot start an extension image
            kind = "portable"                                 | [extension]\\nbase-id = "_any" | [extension] belongs to an extension image: set [image] kind = "extension" or remove the table
            kind = "portable"                                 | [[file]]\\ncontent = ""\\nto = "/x"\\nxattrs = { "trusted.x" = "y" } | [[file]] xattrs "trusted.x" (to = "/x"): a spec sets user.* attributes only
            kind = "portable"                                 | [[directory]]\\npath = "/x"\\nxattrs = { "user.x" = 1 } | [[directory]] xattrs "user.x" = 1 must be a string
            """)
    void load_whenExtensionIsWrong_refusesInOneLine(String kind, String more, String problem) throws Exception {
        String toml = IMAGE.replace("kind = \"extension\"", kind) + (more == null ? "" : more.replace("\\n", "\n"));
        Path file = write(toml + "\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));

        ImageSpecTest.assertOneLine(e, file, problem);
    }

    private Path write(String toml) {
        return SpecFixture.write(dir.resolve("portable.toml"), toml);
    }
}
