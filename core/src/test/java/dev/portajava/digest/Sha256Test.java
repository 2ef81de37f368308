package dev.portajava.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aFileHashesAsItsBytesDo_atEveryLengthAroundTheChunks() throws Exception {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, MIB - 1, MIB, MIB + 1, 2 * MIB, 3 * MIB + 5}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("f" + length), bytes);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(expected, Sha256.hex(file), length + " bytes");
        }
    }

    @Test
    void knownDigests() throws IOException {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Sha256.hex(Files.write(dir.resolve("empty"), new byte[0])));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc".getBytes()));
    }

    @Test
    void aHexSha256IsWhatHexWrites_64LowerCaseDigits() {
        String abc = Sha256.hex("abc".getBytes());
        assertTrue(Sha256.isHex(abc));
        assertTrue(Sha256.isHex("0123456789abcdef".repeat(4)));
        assertFalse(Sha256.isHex(abc.toUpperCase()), "upper case");
        assertFalse(Sha256.isHex(abc.substring(1)), "63 digits");
        assertFalse(Sha256.isHex(abc + "0"), "65 digits");
        assertFalse(Sha256.isHex(""));
        assertFalse(Sha256.isHex(null));
        for (char c : new char[] {'g', 'G', ' ', '/', ':', '@', '`', '\n', '\u0660'}) {
            assertFalse(Sha256.isHex(c + abc.substring(1)), "first digit " + c);
            assertFalse(Sha256.isHex(abc.substring(0, 63) + c), "last digit " + c);
        }
    }
}
