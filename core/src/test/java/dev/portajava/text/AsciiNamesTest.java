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

    @Test
    void isLowerHex_isExactlyThatManyDigitsOfZeroToNineAndAToF() {
        assertTrue(AsciiNames.isLowerHex("0123456789abcdef", 16));
        assertFalse(AsciiNames.isLowerHex("0123456789abcdef", 15));
        assertFalse(AsciiNames.isLowerHex("0123456789abcdef", 17));
        assertFalse(AsciiNames.isLowerHex("0123456789ABCDEF", 16));
        assertFalse(AsciiNames.isLowerHex(null, 0));
        assertTrue(AsciiNames.isLowerHex("", 0));
        for (char c : new char[] {'g', '/', ':', '@', '`', ' ', '\u0660'}) {
            assertFalse(AsciiNames.isLowerHex("0a" + c, 3), "" + c);
        }
    }
}
