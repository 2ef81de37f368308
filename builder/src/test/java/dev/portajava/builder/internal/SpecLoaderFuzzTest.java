package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The spec loader against arbitrary bytes: a spec loads, or it is refused with one line that names the file, says
 * nothing of Java or Jackson, and stays short; never another exception, never a hang. A spec that loads is
 * written and read back unchanged. In a normal test run Jazzer replays the corpus in
 * {@code src/test/resources/dev/portajava/builder/internal/SpecLoaderFuzzTestInputs/read_anyBytes_loadsOrIsRefusedInOneLine/}
 * (the samples' specs, the tests' specs and the bad inputs found so far); {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=SpecLoaderFuzzTest} fuzzes for real.
 */
class SpecLoaderFuzzTest {

    private static final Path FILE = Path.of("spec", "portable.toml");
    /** What Java and Jackson say that a message must not, unless the spec itself holds it. */
    private static final List<String> INTERNALS = List.of("com.fasterxml", "java.lang.", "java.util.", "java.io.",
            "java.nio.", "java.time.", "Exception", "Cannot construct", "Cannot deserialize", "[Source:", "\tat ",
            "StreamReadConstraints", "JsonToken", "`");

    @FuzzTest(maxDuration = "5m")
    void read_anyBytes_loadsOrIsRefusedInOneLine(byte[] data) throws InvalidSpecException {
        ImageSpec spec;
        try {
            spec = SpecLoader.read(FILE, data);
        } catch (InvalidSpecException refused) {
            String message = refused.getMessage();
            assertTrue(message.startsWith(FILE + ": "), message);
            assertFalse(message.contains("\n") || message.contains("\r"), message);
            assertTrue(message.length() <= 500, message.length() + " characters: " + message);
            String input = new String(data, StandardCharsets.UTF_8);
            for (String internal : INTERNALS) {
                assertFalse(message.contains(internal) && !input.contains(internal), message);
            }
            return;
        }
        byte[] written = SpecLoader.write(spec).getBytes(StandardCharsets.UTF_8);
        assertEquals(spec, SpecLoader.read(FILE, written), "written and read back");
    }
}
