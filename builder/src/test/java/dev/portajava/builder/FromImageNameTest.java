package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.internal.FromImageName;
import dev.portajava.builder.internal.launch.TestElf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An image built from a container image alone is named after its output, and versioned by it or by the tag. */
class FromImageNameTest {

    private static final String DIGEST = "@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @TempDir
    Path temp;

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

    /** The version falls back to 0: the build says so, and which output name gives one. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app:v_1 | /out/app.raw | the image's version is 0: the tag 'v_1' of --from app:v_1 is not a version (letters,"
            + " digits and . ~ ^ + -); name the output app_VERSION.raw to give it one",
        "registry.example:5000/team/app | /out/app.raw | the image's version is 0: --from registry.example:5000/team/app"
            + " has no tag; name the output app_VERSION.raw to give it one",
        "app" + DIGEST + " | /out/app | the image's version is 0: --from app" + DIGEST + " has no tag; name the output"
            + " app_VERSION to give it one",
        "oci:/srv/layout:v1 | /out/app.raw | the image's version is 0: --from oci:/srv/layout:v1 is no registry"
            + " reference, whose tag would be the version; name the output app_VERSION.raw to give it one"})
    void fromImage_whenNeitherTheOutputNorTheTagGiveAVersion_warnsThatItIs0_andHowToGiveOne(String reference,
            String output, String warning) throws Exception {
        FromImageName name = FromImageName.of(reference, Path.of(output));

        assertEquals("0", name.version());
        assertEquals(Optional.of(warning), name.warning());
    }

    @ParameterizedTest
    @CsvSource({
        "app:1.4, /out/app.raw",
        "app:latest, /out/app.raw",
        "app:v_1, /out/app_2.raw",
        "oci:/srv/layout, /out/app_1.raw",
        "app, /out/app_0"})
    void fromImage_whenTheOutputOrTheTagGiveAVersion_doesNotWarn(String reference, String output) throws Exception {
        assertEquals(Optional.empty(), FromImageName.of(reference, Path.of(output)).warning());
    }

    @Test
    void build_fromImageWithoutAVersion_warnsOnceTheImageIsBuilt_andNamedWithOne_doesNot() throws Exception {
        Path layout = new OciLayoutFixture(Files.createDirectories(temp.resolve("layout")))
                .layer(OciLayoutFixture.Entry.file("bin/tool", 0755, TestElf.staticProgram().bytes()))
                .write(Map.of("Entrypoint", List.of("/bin/tool")));
        String reference = "oci:" + layout;

        List<BuildEvent> unversioned = build(reference, temp.resolve("app.raw"));
        List<BuildEvent> versioned = build(reference, temp.resolve("app_1.4.raw"));

        String warning = "the image's version is 0: --from " + reference + " is no registry reference, whose tag would"
                + " be the version; name the output app_VERSION.raw to give it one";
        assertEquals(1, unversioned.stream().filter(e -> e.warning() && e.message().equals(warning)).count(),
                unversioned.toString());
        assertEquals("done", unversioned.get(unversioned.indexOf(unversioned.stream()
                .filter(e -> e.message().equals(warning)).findFirst().orElseThrow()) - 1).step(), "after the build");
        assertTrue(versioned.stream().noneMatch(e -> e.message().contains("version")), versioned.toString());
    }

    private List<BuildEvent> build(String reference, Path output) throws Exception {
        List<BuildEvent> events = new ArrayList<>();
        BaseImageOptions base = BaseImageOptions.fromEnvironment(Map.of("HOME", temp.toString()))
                .withArchitecture("amd64");
        ImageBuilder.build(new BuildRequest(new BuildRequest.ContainerImage(reference, false), output,
                Optional.empty(), RawImageOptions.defaults(), VerityOptions.NONE, base, false, 0), events::add);
        return events;
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
