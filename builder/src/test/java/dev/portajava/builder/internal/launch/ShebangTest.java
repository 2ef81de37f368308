package dev.portajava.builder.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code #!} line as Linux's binfmt_script reads it from the first 256 bytes of a file. */
class ShebangTest {

    private static Shebang parse(String text) throws CannotStartException {
        return Shebang.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_plainInterpreter_hasNoArgument() throws Exception {
        assertEquals(new Shebang("/bin/sh", Optional.empty()), parse("#!/bin/sh\necho hi\n"));
    }

    @Test
    void parse_everythingAfterTheInterpreter_isOneTrimmedArgument() throws Exception {
        assertEquals(new Shebang("/usr/bin/env", Optional.of("python3 -u")), parse("#! \t/usr/bin/env  python3 -u \t\nx"));
    }

    @Test
    void parse_windowsLineEnd_keepsTheCarriageReturnInTheInterpreter() throws Exception {
        assertEquals("/bin/sh\r", parse("#!/bin/sh\r\n").interpreter());
    }

    @Test
    void parse_nulAfterTheInterpreter_endsTheLine() throws Exception {
        assertEquals(new Shebang("/bin/sh", Optional.empty()), parse("#!/bin/sh\0 -x\n"));
    }

    @Test
    void parse_noInterpreter_isRefused() {
        for (String line : new String[] {"#!\n", "#!   \n", "#!", "#! \t", "#!" + " ".repeat(300)}) {
            CannotStartException e = assertThrows(CannotStartException.class, () -> parse(line), line);
            assertEquals("has a #! line that names no interpreter", e.getMessage());
        }
    }

    @Test
    void parse_interpreterPathCutByTheBuffer_isRefused() {
        CannotStartException e = assertThrows(CannotStartException.class, () -> parse("#!/" + "a".repeat(300) + "\n"));

        assertEquals("has a #! line longer than the 255 bytes the kernel reads, which cuts its interpreter path short",
                e.getMessage());
    }

    @Test
    void parse_longLineWhoseInterpreterEndsInTheBuffer_works() throws Exception {
        Shebang shebang = parse("#!/bin/sh -" + "x".repeat(300) + "\n");

        assertEquals("/bin/sh", shebang.interpreter());
        assertEquals(255 - "#!/bin/sh ".length(), shebang.argument().orElseThrow().length());
    }

    @Test
    void isScript_looksAtTheFirstTwoBytes() {
        assertTrue(Shebang.isScript("#!".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Shebang.isScript("# !".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Shebang.isScript(new byte[] {'#'}));
    }
}
