package dev.portajava.builder;

import static dev.portajava.builder.ImageSpecTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value has the TOML type the README shows, and nothing is converted: a number is never read as a string
 * nor a string as a boolean. A refusal names the key where it is (its table and, among several, its entry) and
 * says what to write instead.
 */
class SpecTypesTest {

    @TempDir
    Path dir;

    private static final String IMAGE = """
            [image]
            name = "hello"
            version = "1.0"
            units = ["hello.service"]
            """;

    private static String file(String mode) {
        return IMAGE + "\n[[file]]\ncontent = \"x\"\nto = \"/etc/x\"\nmode = " + mode + "\n";
    }

    @Test
    void load_whenModeIsADecimalInteger_refusesWithTheStringToWrite() {
        assertRefused(file("400"), "[[file]] mode = 400 must be a string such as \"0400\"");
        assertRefused(file("755"), "[[file]] mode = 755 must be a string such as \"0755\"");
    }

    @Test
    void load_whenModeIsAnOctalInteger_refusesWithTheStringToWrite() {
        assertRefused(file("0o644"), "[[file]] mode = 0o644 must be a string such as \"0644\"");
    }

    @Test
    void load_whenModeIsNotAModeAtAll_stillRefusesWithoutConverting() {
        assertRefused(file("99999999999999999999999"), "[[file]] mode = 99999999999999999999999 must be a string such as \"0644\"");
        assertRefused(file("true"), "[[file]] mode = true must be a string such as \"0644\"");
    }

    @Test
    void load_whenVersionIsAFloat_refusesWithTheStringAsWritten() {
        assertRefused(IMAGE.replace("\"1.0\"", "1.10"), "[image] version = 1.10 must be a string such as \"1.10\"");
    }

    @Test
    void load_whenVersionIsABooleanOrInteger_refuses() {
        assertRefused(IMAGE.replace("\"1.0\"", "true"), "[image] version = true must be a string such as \"true\"");
        assertRefused(IMAGE.replace("\"1.0\"", "2"), "[image] version = 2 must be a string such as \"2\"");
    }

    @Test
    void load_whenAStringIsADate_refusesIt() {
        assertRefused(IMAGE.replace("\"1.0\"", "2024-05-01"),
                "[image] version = 2024-05-01 must be a string such as \"2024-05-01\"");
    }

    @Test
    void load_whenOsReleaseValueIsANumber_refusesIt() {
        assertRefused(IMAGE + "[os-release]\nVERSION_ID = 12\n", "[os-release] VERSION_ID = 12 must be a string such as \"12\"");
    }

    @Test
    void load_whenAllowSetuidIsAString_refusesIt() {
        assertRefused(IMAGE + "[from]\nimage = \"oci:layout\"\nallow-setuid = \"true\"\n",
                "[from] allow-setuid = \"true\" must be true or false, without quotes");
    }

    @Test
    void load_whenUnitsIsAString_saysToWriteAnArray() {
        String message = assertRefused(IMAGE.replace("[\"hello.service\"]", "\"hello.service\""),
                "[image] units = \"hello.service\" must be an array of strings such as [\"hello.service\"]");
        assertEquals(-1, message.indexOf("java."), message);
    }

    @Test
    void load_whenAnArrayHoldsANumber_namesTheElement() {
        assertRefused(IMAGE.replace("[\"hello.service\"]", "[\"hello.service\", 7]"),
                "[image] units #2 = 7 must be a string such as \"7\"");
    }

    @Test
    void load_whenCopyIsAStringInsteadOfTables_neverShowsJackson() {
        String top = assertRefused("copy = \"www\"\n" + IMAGE, "copy = \"www\" must be an array of tables: write [[copy]]");
        assertEquals(-1, top.indexOf("ArrayList"), top);
        assertEquals(-1, top.indexOf("Cannot construct"), top);
    }

    @Test
    void load_whenAnArrayOfTablesIsWrittenAsOneTable_saysToDoubleTheBrackets() {
        assertRefused(IMAGE + "[copy]\nfrom = \"www\"\n", "[copy] must be an array of tables: write [[copy]]");
    }

    @Test
    void load_whenImageIsAnArrayOfTables_saysItIsOneTable() {
        assertRefused(IMAGE.replace("[image]", "[[image]]"), "[[image]] must be one table: write [image]");
    }

    @Test
    void load_whenATableIsAString_saysToWriteATable() {
        assertRefused("os-release = \"Hello\"\n" + IMAGE, "os-release = \"Hello\" must be a table: write [os-release]");
    }

    @Test
    void load_whenAnArrayEntryIsNotATable_namesTheEntry() {
        assertRefused("symlink = [\"a\"]\n" + IMAGE, "[[symlink]] must be a table, not a string");
        assertRefused("symlink = [{ path = \"/a\", target = \"b\" }, 3]\n" + IMAGE, "[[symlink]] #2 must be a table, not a number");
    }

    @Test
    void load_whenTheSecondOfSeveralEntriesLacksAKey_namesTheEntryByNumber() {
        assertRefused(IMAGE + "[[copy]]\nfrom = \"a\"\n[[copy]]\nto = \"/b\"\n", "[[copy]] #2 from is missing");
    }

    @Test
    void load_whenAnEntryHasAWrongType_namesItsNumberAmongSeveral() {
        assertRefused(IMAGE + "[[copy]]\nfrom = \"a\"\n[[copy]]\nfrom = 3\n",
                "[[copy]] #2 from = 3 must be a string such as \"3\"");
    }

    @Test
    void load_whenAKeyIsMisspelt_suggestsTheNearestKey() {
        assertRefused(IMAGE.replace("units", "unit"), "unknown key [image] unit; did you mean units?");
        assertRefused(IMAGE + "[from]\nimage = \"oci:x\"\nallow_setuid = true\n",
                "unknown key [from] allow_setuid; did you mean allow-setuid?");
    }

    @Test
    void load_whenAKeyIsUnknown_listsTheKnownKeys() {
        assertRefused(IMAGE + "[[file]]\ncontent = \"x\"\nto = \"/a\"\n[[file]]\ncontent = \"x\"\nto = \"/b\"\nowner = \"root\"\n",
                "unknown key [[file]] #2 owner (known keys: content, from, mode, to, xattrs)");
    }

    @Test
    void load_whenAShortKeyIsUnknown_listsRatherThanGuesses() {
        assertRefused(IMAGE + "[[symlink]]\npath = \"/a\"\ntarget = \"b\"\nx = \"c\"\n",
                "unknown key [[symlink]] x (known keys: path, target)");
    }

    @Test
    void load_whenATableIsUnknown_namesItAsATable() {
        assertRefused(IMAGE + "[services]\nx = 1\n",
                "unknown table [services] (known: copy, directory, extension, file, from, health, image, os-release, symlink)");
    }

    @Test
    void load_whenAStringHoldsANul_refusesIt() {
        assertRefused(IMAGE.replace("\"1.0\"", "\"1.0\\u0000\""), "[image] version contains a NUL character");
        assertRefused(IMAGE + "[os-release]\nNAME = \"a\\u0000b\"\n", "[os-release] NAME contains a NUL character");
    }

    @Test
    void load_whenAValueIsHuge_theMessageStaysShort() {
        String message = assertRefused(IMAGE.replace("\"1.0\"", "\"" + "1".repeat(100_000) + "\\n\""), "[image] version");
        assertEquals(true, message.length() < 600, message.length() + " characters");
    }

    private String assertRefused(String toml, String problem) {
        Path file = SpecFixture.write(dir.resolve("portable.toml"), toml);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));
        assertOneLine(e, file, problem);
        return e.getMessage();
    }
}
