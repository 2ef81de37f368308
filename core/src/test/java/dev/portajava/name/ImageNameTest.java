package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameTest {

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
