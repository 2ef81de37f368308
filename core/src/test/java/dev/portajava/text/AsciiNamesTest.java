package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsciiNamesTest {

    @Test
    void only_lettersDigitsAndTheOthersGiven_notEmpty() {
        assertTrue(AsciiNames.only("Ab9_x", "_"));
        assertFalse(AsciiNames.only("Ab9-x", "_"));
        assertFalse(AsciiNames.only("é", "_"), "ASCII letters only");
        assertFalse(AsciiNames.only("", "_"));
    }

    @Test
    void digits_theRunThatStartsThere() {
        assertEquals(4, AsciiNames.digits("v252.3", 1));
        assertEquals(0, AsciiNames.digits("v252.3", 0));
        assertEquals(5, AsciiNames.digits("v2524", 1));
        assertTrue(AsciiNames.isDigits("0123456789"));
        assertFalse(AsciiNames.isDigits(""));
        assertFalse(AsciiNames.isDigits("12a"));
    }
}
