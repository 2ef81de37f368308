package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameTest {

    @ParameterizedTest
    @CsvSource({
        "myapp_1.2.raw, myapp",
        "hello.raw, hello",
        "/var/lib/portables/hello.raw, hello",
        "hello, hello",
        "/srv/images/webserver_2, webserver",
        "build/my-app.v2, my-app.v2",
        "a_b_c.raw, a"})
    void ofPath_stripsRawAndCutsAtFirstUnderscore(String path, String expected) {
        assertEquals(expected, ImageName.ofPath(Path.of(path)).value());
    }

    @Test
    void ofPath_whenPathHasNoFileName_refuses() {
        assertThrows(IllegalArgumentException.class, () -> ImageName.ofPath(Path.of("/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_1.raw", ".raw", "-hello"})
    void ofPath_whenWhatRemainsIsNotAName_refuses(String fileName) {
        assertThrows(IllegalArgumentException.class, () -> ImageName.ofPath(Path.of(fileName)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my app", "hello.raw", "-x", "a/b"})
    void constructor_whenValueIsInvalid_refusesNamingIt(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageName(value));

        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void constructor_whenLongerThan64_refuses() {
        assertThrows(IllegalArgumentException.class, () -> new ImageName("a".repeat(65)));
    }

    @Test
    void defaultPrefix_isTheName() {
        assertEquals(new Prefix("hello"), new ImageName("hello").defaultPrefix());
    }
}
