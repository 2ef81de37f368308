package dev.portajava.builder;

import static dev.portajava.builder.ImageSpecTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec as a file: its bytes, its TOML syntax, and limits, each refused in one line with the place. */
class SpecTextTest {

    @TempDir
    Path dir;

    private static final String IMAGE = """
            [image]
            name = "hello"
            version = "1.0"
            units = ["hello.service"]
            """;

    @Test
    void load_whenSpecIsNotUtf8_givesLineAndColumn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("[image]\nname = \"h".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xff);
        bytes.write("llo\"\n".getBytes(StandardCharsets.US_ASCII));

        assertRefused(bytes.toByteArray(), "line 2, column 10: not UTF-8 text (byte 0xff)");
    }

    @Test
    void load_whenSpecHoldsANulByte_refusesIt() {
        assertRefused((IMAGE + "\0\n").getBytes(StandardCharsets.UTF_8), "line 5, column 1: a NUL byte; a spec is text");
    }

    @Test
    void load_whenSpecIsHuge_refusesWithoutReadingIt() {
        byte[] huge = (IMAGE + "# " + "x".repeat(2 << 20) + "\n").getBytes(StandardCharsets.UTF_8);

        String message = assertRefused(huge, "a spec is at most 1 MiB");

        assertTrue(message.contains(huge.length + " bytes"), message);
    }

    @Test
    void load_whenAKeyIsRepeated_givesItsLineAndTheLine() {
        assertRefused((IMAGE + "name = \"again\"\n").getBytes(StandardCharsets.UTF_8),
                "line 5, column 1: not valid TOML: duplicate key: name = \"again\"");
    }

    @Test
    void load_whenARepeatedKeyIsFollowedByMore_stillGivesItsOwnLine() {
        assertRefused((IMAGE + "units = [\n  \"a.service\",\n]\n\n[os-release]\nNAME = \"x\"\n").getBytes(StandardCharsets.UTF_8),
                "line 5, column 1: not valid TOML: duplicate key: units = [");
    }

    @Test
    void load_whenATableIsRepeated_givesItsLine() {
        assertRefused((IMAGE + "[image]\n").getBytes(StandardCharsets.UTF_8),
                "line 5, column 7: not valid TOML: table defined twice: [image]");
    }

    @Test
    void load_whenSyntaxIsBad_givesLineAndColumnWithoutTokenNames() {
        String message = assertRefused((IMAGE + "\n[os-release]\nNAME = ?\n").getBytes(StandardCharsets.UTF_8),
                "line 7, column 8: not valid TOML");

        assertEquals(-1, message.indexOf("UNQUOTED_KEY"), message);
        assertEquals(-1, message.indexOf("Exception"), message);
    }

    @Test
    void load_whenAnIntegerHasLeadingZeros_saysWhatToWrite() {
        String message = assertRefused((IMAGE + "[[directory]]\npath = \"/a\"\nmode = 0755\n").getBytes(StandardCharsets.UTF_8),
                "line 7, column 8: not valid TOML");

        assertTrue(message.contains("mode = 0755"), message);
    }

    @Test
    void load_whenADateDoesNotExist_givesItsPlace() {
        assertRefused(IMAGE.replace("\"1.0\"", "2024-13-01").getBytes(StandardCharsets.UTF_8),
                "line 3, column 11: not valid TOML: 2024-13-01 is not a date or time");
    }

    @Test
    void load_whenArraysNestVeryDeeply_refusesInOneLine() {
        String deep = "[".repeat(200_000);
        String message = assertRefused((IMAGE + "[os-release]\nX = " + deep + "\n").getBytes(StandardCharsets.UTF_8),
                "not valid TOML: arrays and tables nest 1001 deep; at most 1000");
        assertEquals(-1, message.indexOf("StreamReadConstraints"), message);
    }

    @Test
    void load_whenANumberIsHuge_saysSoWithoutTheParsersWords() {
        String message = assertRefused(IMAGE.replace("\"1.0\"", "9".repeat(2000)).getBytes(StandardCharsets.UTF_8),
                "line 3, column 11: not valid TOML: a number of 2000 digits; at most 1000: version = 999");
        assertEquals(-1, message.indexOf("StreamReadConstraints"), message);
        assertEquals(-1, message.indexOf("`"), message);
    }

    @Test
    void load_whenSpecStartsWithAByteOrderMarkAndUsesCrLf_readsIt() throws Exception {
        Path file = Files.write(dir.resolve("portable.toml"),
                ("\ufeff" + IMAGE.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));

        assertEquals("1.0", ImageSpec.load(file).image().version());
    }

    private String assertRefused(byte[] content, String problem) {
        Path file;
        try {
            file = Files.write(dir.resolve("portable.toml"), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageSpec.load(file));
        assertOneLine(e, file, problem);
        assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters");
        return e.getMessage();
    }
}
