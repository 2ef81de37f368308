package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An image built from a container image alone is named after its output, and versioned by it or by the tag. */
class FromImageNameTest {

    private static final String DIGEST = "@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @CsvSource({
        "registry.example:5000/team/app:1.4, 1.4",
        "registry.example:5000/team/app, 0",
        "app:2" + DIGEST + ", 2",
        "app" + DIGEST + ", 0",
        "oci:/srv/layout:v1, 0",
        "docker-archive:/srv/app.tar:app:1, 0",
        "app:v_1, 0",
        "app:latest, latest"})
    void fromImage_withoutAVersionInTheOutput_takesTheTagWhenItCanBeAVersion_else0(String reference, String version)
            throws Exception {
        ImageSpec.Image image = ImageBuilder.fromImage(reference, Path.of("/out/app.raw"), false).spec().image();

        assertEquals("app", image.name());
        assertEquals(version, image.version());
    }

    @ParameterizedTest
    @CsvSource({
        "/out/app_1.0~rc1.raw, app, 1.0~rc1",
        "/out/app_2, app, 2",
        "/out/my.app_1.2.raw, my.app, 1.2",
        "/out/my.app.raw, my.app, 7"})
    void fromImage_isNamedAfterTheOutput(String output, String name, String version) throws Exception {
        ImageSpec.Image image = ImageBuilder.fromImage("app:7", Path.of(output), false).spec().image();

        assertEquals(name, image.name());
        assertEquals(version, image.version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/out/_1.raw", "/out/.raw", "/"})
    void fromImage_whenTheOutputNamesNoImage_refusesNamingTheOutput(String output) {
        InvalidOutputException e = assertThrows(InvalidOutputException.class,
                () -> ImageBuilder.fromImage("app:1", Path.of(output), false));

        assertTrue(e.getMessage().startsWith(output + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(the image is named after the output: NAME.raw or NAME_VERSION.raw)"),
                e.getMessage());
    }

    /** The user wrote no [image] table: the message names the output, the --from reference and its tag. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app:1.4 | /out/app_1.4_slim.raw | /out/app_1.4_slim.raw: '1.4_slim' after the '_' would be the image's"
            + " version, and is not one (letters, digits and . ~ ^ + -); name the output app.raw to take the tag 1.4"
            + " of --from app:1.4 as the version, or app_VERSION.raw",
        "app:1.4_slim | /out/app_1.4_slim.raw | /out/app_1.4_slim.raw: '1.4_slim' after the '_' would be the image's"
            + " version, and is not one (letters, digits and . ~ ^ + -); nor is the tag '1.4_slim' of --from"
            + " app:1.4_slim: name the output app_VERSION.raw with a version of those characters, or app.raw for"
            + " version 0",
        "oci:/srv/layout | /out/a_b_c | /out/a_b_c: 'b_c' after the '_' would be the image's version, and is not one"
            + " (letters, digits and . ~ ^ + -); name the output a_VERSION with a version of those characters, or a"
            + " for version 0",
        "app:1 | /out/app_.raw | /out/app_.raw: '' after the '_' would be the image's version, and is not one"
            + " (letters, digits and . ~ ^ + -); name the output app.raw to take the tag 1 of --from app:1 as the"
            + " version, or app_VERSION.raw"})
    void fromImage_whenTheOutputGivesAVersionThatIsNone_refusesNamingTheTagAndTheNamesToGive(String reference,
            String output, String message) {
        InvalidOutputException e = assertThrows(InvalidOutputException.class,
                () -> ImageBuilder.fromImage(reference, Path.of(output), false));

        assertEquals(message, e.getMessage());
    }

    @Test
    void fromImage_ofARelativeLayout_readsItRelativeToTheCurrentDirectory() throws Exception {
        ImageSpec.From from = ImageBuilder.fromImage("oci:layout:1.4", Path.of("/out/app.raw"), false).spec().base()
                .orElseThrow();

        assertEquals("oci:" + Path.of("").toAbsolutePath().resolve("layout") + ":1.4", from.image());
    }

    @Test
    void epoch_isSourceDateEpoch_elseTheDefault() {
        assertEquals(ImageBuilder.DEFAULT_EPOCH, ImageBuilder.epoch(Map.of()));
        assertEquals(ImageBuilder.DEFAULT_EPOCH, ImageBuilder.epoch(Map.of("SOURCE_DATE_EPOCH", " ")));
        assertEquals(1234567890L, ImageBuilder.epoch(Map.of("SOURCE_DATE_EPOCH", "1234567890\n")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageBuilder.epoch(Map.of("SOURCE_DATE_EPOCH", "-1")));
        assertEquals("SOURCE_DATE_EPOCH='-1' is not a number of seconds since 1970", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"131072, 131072", "128K, 131072", "1m, 1048576", " 4K , 4096"})
    void parseBlockSize_readsBytesKAndM(String text, int bytes) {
        assertEquals(bytes, RawImageOptions.parseBlockSize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "K", "12Q", "-1", "0", "4G"})
    void parseBlockSize_whenNotASize_refusesNamingTheOption(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RawImageOptions.parseBlockSize(text));
        assertTrue(e.getMessage().startsWith("--block-size '" + text + "'"), e.getMessage());
    }
}
