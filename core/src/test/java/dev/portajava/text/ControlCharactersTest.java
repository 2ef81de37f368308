package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void escapesEscapeBellAndTheirKin() {
        assertEquals("Hi \\x1b]0;pwned\\x07\\x1b[31mRED",
                ControlCharacters.escaped("Hi \u001b]0;pwned\u0007\u001b[31mRED"));
        assertEquals("a\\x0ab\\x09c\\x0d\\x7f\\x9b\\x00", ControlCharacters.escaped("a\nb\tc\r\u007f\u009b\0"));
    }

    @Test
    void fileContentKeepsItsLinesAndTabs() {
        assertEquals("[Unit]\nDescription=\tx\\x1b[2J\\x0d\n",
                ControlCharacters.escapedKeepingLines("[Unit]\nDescription=\tx\u001b[2J\r\n"));
    }

    @Test
    void printableTextIsReturnedAsItIs() {
        String text = "Debian GNU/Linux 12 (bookworm) – é ✓ \\x1b";
        assertSame(text, ControlCharacters.escaped(text));
        assertFalse(ControlCharacters.contains(text));
        assertTrue(ControlCharacters.contains("a\u0007"));
        assertTrue(ControlCharacters.contains("a\tb"));
        assertTrue(ControlCharacters.contains("\u0085"));
    }
}
