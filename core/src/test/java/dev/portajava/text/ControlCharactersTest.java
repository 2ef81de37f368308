package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void escaped_showsEscapeBellAndTheirKinAsBytes() {
        assertEquals("Hi \\x1b]0;pwned\\x07\\x1b[31mRED",
                ControlCharacters.escaped("Hi \u001b]0;pwned\u0007\u001b[31mRED"));
        assertEquals("a\\x0ab\\x09c\\x0d\\x7f\\x00", ControlCharacters.escaped("a\nb\tc\r\u007f\0"));
    }

    @Test
    void escaped_showsAC1ControlAsItsUtf8Bytes() {
        // CSI, which some terminals take as ESC [
        assertEquals("\\xc2\\x9b2J \\xc2\\x80 \\xc2\\x9f", ControlCharacters.escaped("\u009b2J \u0080 \u009f"));
    }

    @Test
    void escaped_showsLineAndParagraphSeparatorsAsBytes() {
        assertEquals("a\\xe2\\x80\\xa8b\\xe2\\x80\\xa9c", ControlCharacters.escaped("a\u2028b\u2029c"));
    }

    @Test
    void escaped_keepsBackslashesOfAMessageThatQuotesEscapedText() {
        String message = "'a\\x1b' is not a unit name (C:\\temp)";
        assertSame(message, ControlCharacters.escaped(message));
        assertEquals("a\\b\\x1b", ControlCharacters.escaped("a\\b\u001b"));
    }

    @Test
    void escaped_showsAByteThatIsNotUtf8AsThatByteAndAnyOtherLoneSurrogateAsItsCode() {
        // U+DCFF is how FileNames carries the byte 0xff
        assertEquals("a\\xff b\\x80", ControlCharacters.escaped("a\udcff b\udc80"));
        assertEquals("a\\ud800b\\udc41c\\udfff", ControlCharacters.escaped("a\ud800b\udc41c\udfff"));
        assertEquals("\\ud83d", ControlCharacters.escaped("\ud83d"));
        // a pair in the wrong order is two lone surrogates
        assertEquals("\\udc00\\ud800", ControlCharacters.escaped("\udc00\ud800"));
    }

    @Test
    void escaped_leavesLettersOfAnyScriptAsTheyAre() {
        String text = "Debian GNU/Linux 12 (bookworm) – é 日本 \ud83d\udc80 ✓ \u00a0\u00ff";
        assertSame(text, ControlCharacters.escaped(text));
        assertSame(text, ControlCharacters.escapedUnambiguously(text));
        assertEquals("日本\\x1b\ud83d\udc80é", ControlCharacters.escaped("日本\u001b\ud83d\udc80é"));
    }

    @Test
    void escapedKeepingLines_keepsNewlinesAndTabsOfAFile() {
        assertEquals("[Unit]\nDescription=\tx\\x1b[2J\\x0d \\xc2\\x9b \\\\ é\n",
                ControlCharacters.escapedKeepingLines("[Unit]\nDescription=\tx\u001b[2J\r \u009b \\\\ é\n"));
    }

    @Test
    void escapedUnambiguously_doublesBackslashesSoThatAnEscapeReadsBackAsOneText() {
        assertEquals("a\\\\x1b", ControlCharacters.escapedUnambiguously("a\\x1b"));
        assertEquals("a\\x1b", ControlCharacters.escapedUnambiguously("a\u001b"));
        assertEquals("C:\\\\temp\\x0a\\xc2\\x9b\\xff\\ud800 é 日本",
                ControlCharacters.escapedUnambiguously("C:\\temp\n\u009b\udcff\ud800 é 日本"));
        // a stray byte 0x9b and the character U+009B differ
        assertEquals("\\x9b", ControlCharacters.escapedUnambiguously("\udc9b"));
        assertEquals("\\xc2\\x9b", ControlCharacters.escapedUnambiguously("\u009b"));
    }

    @Test
    void escaped_ofNothing_isNothing() {
        assertNull(ControlCharacters.escaped(null));
        assertEquals("", ControlCharacters.escapedUnambiguously(""));
    }

    @Test
    void contains_findsControlCharacters() {
        assertFalse(ControlCharacters.contains("Debian GNU/Linux 12 (bookworm) – é 日本 \\x1b"));
        assertTrue(ControlCharacters.contains("a\u0007"));
        assertTrue(ControlCharacters.contains("a\tb"));
        assertTrue(ControlCharacters.contains("\u0085"));
        assertTrue(ControlCharacters.contains("\u007f"));
    }
}
