package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvalidSpecExceptionTest {

    private static final Path SPEC = Path.of("/srv/app/portable.toml");

    @Test
    void message_showsControlCharactersAsTheirBytes_andKeepsLettersAndBackslashes() {
        InvalidSpecException e = new InvalidSpecException(SPEC,
                "[os-release] NAME 'a\nb\t\u001b[2J\u009b\u2028' is not 'C:\\x' (é, 日本)");

        assertEquals("/srv/app/portable.toml: [os-release] NAME 'a\\x0ab\\x09\\x1b[2J\\xc2\\x9b\\xe2\\x80\\xa8' is not"
                + " 'C:\\x' (é, 日本)", e.getMessage());
    }

    @Test
    void longMessage_keepsItsStartAndItsEnd() {
        String message = new InvalidSpecException(SPEC, "x".repeat(1000) + " the end").getMessage();

        assertEquals(InvalidSpecException.MAX_LENGTH, message.length());
        assertTrue(message.startsWith("/srv/app/portable.toml: xxx"), message);
        assertTrue(message.contains("x\u2026x"), message);
        assertTrue(message.endsWith(" the end"), message);
    }
}
