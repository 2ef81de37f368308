package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitNameTest {

    @ParameterizedTest
    @CsvSource({
        "hello.service, SERVICE",
        "hello.socket, SOCKET",
        "hello.target, TARGET",
        "hello-cleanup.timer, TIMER",
        "hello.path, PATH",
        "hello@.service, SERVICE",
        "hello@one.service, SERVICE"})
    void parse_whenTypeIsPortable_returnsNameAndType(String fileName, UnitType type) {
        UnitName unit = UnitName.parse(fileName);

        assertEquals(fileName, unit.value());
        assertEquals(type, unit.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.mount", "hello.slice", "hello.device", "hello.swap", "hello.scope",
        "hello.automount", "hello"})
    void parse_whenTypeIsNotPortable_refusesNamingTheUnit(String fileName) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitName.parse(fileName));

        assertTrue(e.getMessage().contains("'" + fileName + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(".service"), "lists the allowed types: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b.service", "a@b@c.service", ".service", "héllo.service", "x/y.service"})
    void parse_whenNameIsMalformed_refusesNamingIt(String fileName) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitName.parse(fileName));

        assertTrue(e.getMessage().contains("'" + fileName + "'"), e.getMessage());
    }

    @Test
    void parse_whenNameIsLongerThan255_refuses() {
        String name = "a".repeat(248) + ".service";

        assertThrows(IllegalArgumentException.class, () -> UnitName.parse(name));
    }

    @Test
    void isTemplate_forTemplateInstanceAndPlainUnit_isTrueOnlyForTemplate() {
        assertTrue(UnitName.parse("foo@.service").isTemplate());
        assertFalse(UnitName.parse("foo@bar.service").isTemplate());
        assertFalse(UnitName.parse("foo.service").isTemplate());
    }

    @Test
    void hasPrefix_usesPortabledMatching() {
        assertTrue(UnitName.parse("foo-worker.service").hasPrefix(new Prefix("foo")));
        assertFalse(UnitName.parse("foobar.service").hasPrefix(new Prefix("foo")));
    }
}
