package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFileTest {

    @ParameterizedTest
    @CsvSource({
        "myapp_1.2.raw, myapp",
        "hello.raw, hello",
        "/var/lib/portables/hello.raw, hello",
        "hello, hello",
        "/srv/images/webserver_2, webserver",
        "build/my-app.v2, my-app.v2",
        "a_b_c.raw, a",
        "app_1.0~rc1.raw, app",
        "my.app_1.2.raw, my.app",
        "my.app.raw, my.app"})
    void name_isTheFileNameCutAtTheFirstUnderscore_elseWithoutRaw(String path, String expected) {
        assertEquals(new ImageName(expected), ImageFile.of(Path.of(path)).name());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "app.raw, none",
        "app, none",
        "app_2, 2",
        "app_1.0~rc1.raw, 1.0~rc1",
        "a_b_c.raw, b_c",
        "my.app_1.2.raw, 1.2",
        "app_1.raw.raw, 1.raw",
        "app_.raw, ''"})
    void version_isWhatFollowsTheFirstUnderscore_withoutRaw(String fileName, String expected) {
        assertEquals(Optional.ofNullable(expected), new ImageFile(fileName).version());
    }

    @Test
    void rawAndStem_comeFromTheRawSuffixOnly() {
        ImageFile raw = new ImageFile("app_1.0.raw");
        ImageFile directory = new ImageFile("app_2");
        ImageFile dotted = new ImageFile("app.v2");

        assertTrue(raw.raw());
        assertEquals("app_1.0", raw.stem());
        assertFalse(directory.raw());
        assertEquals("app_2", directory.stem());
        assertFalse(dotted.raw());
        assertEquals("app.v2", dotted.stem());
        assertFalse(new ImageFile("app.RAW").raw(), "the suffix is lower-case, as systemd compares it");
    }

    @Test
    void sidecars_replaceRaw_asSystemdLooksForThem() {
        Path image = Path.of("/srv/app_1.0.raw");

        assertEquals(Path.of("/srv/app_1.0.roothash"), ImageFile.sidecar(image, ImageFile.Sidecar.ROOT_HASH));
        assertEquals(Path.of("/srv/app_1.0.roothash.p7s"),
                ImageFile.sidecar(image, ImageFile.Sidecar.ROOT_HASH_SIGNATURE));
        assertEquals(Path.of("/srv/app_1.0.verity"), ImageFile.sidecar(image, ImageFile.Sidecar.VERITY));
        assertEquals("a.b.verity", new ImageFile("a.b.raw").sidecar(ImageFile.Sidecar.VERITY));
    }

    @Test
    void sidecars_ofANameWithoutRaw_areAppended() {
        assertEquals("app_2.roothash", new ImageFile("app_2").sidecar(ImageFile.Sidecar.ROOT_HASH));
    }

    @Test
    void lookup_triesTheRawImageThenTheDirectory() {
        assertEquals(List.of(new ImageFile("app.raw"), new ImageFile("app")), ImageFile.lookup("app"));
        assertEquals(List.of(new ImageFile("app_2.raw"), new ImageFile("app_2")), ImageFile.lookup("app_2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b"})
    void lookup_ofWhatIsNoFileName_findsNothing(String name) {
        assertEquals(List.of(), ImageFile.lookup(name));
    }

    @Test
    void of_whenPathHasNoFileName_refuses() {
        assertThrows(IllegalArgumentException.class, () -> ImageFile.of(Path.of("/")));
        assertThrows(IllegalArgumentException.class, () -> ImageFile.of(Path.of("a/..")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "..", "a/.."})
    void named_whenPathHasNoImageFileName_isEmpty(String path) {
        assertEquals(Optional.empty(), ImageFile.named(Path.of(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b.raw", "a\0.raw"})
    void constructor_whenNotAFileName_refusesNamingIt(String fileName) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageFile(fileName));

        assertTrue(e.getMessage().contains("is not a file name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"_1.raw", ".raw", "-hello", "a b.raw"})
    void name_whenWhatRemainsIsNotAName_refuses(String fileName) {
        assertThrows(IllegalArgumentException.class, () -> new ImageFile(fileName).name());
    }
}
