package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tree {@link TomlTree} reads is the one Jackson's {@code TomlMapper.readTree} reads, node type for node type. */
class TomlTreeTest {

    private static final TomlMapper MAPPER = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private static final String EVERY_KIND = """
            title = "a \\"quoted\\" string\\u00e9"
            literal = 'C:\\temp'
            multi = \"\"\"
            two
            lines\"\"\"
            int = 42
            negative = -17
            hex = 0xDEADBEEF
            octal = 0o755
            binary = 0b1101
            long = 9_000_000_000
            big = 18446744073709551616
            float = 3.25
            exponent = -2e-3
            infinite = inf
            nan = nan
            yes = true
            no = false
            offset = 1979-05-27T07:32:00-08:00
            local = 1979-05-27T07:32:00.999
            day = 1979-05-27
            time = 07:32:00
            empty = []
            mixed = [1, "two", [3.0, false], { four = 4 }]
            inline = { a = 1, b.c = "d" }

            [image]
            name = "app"
            "quoted key" = 1
            dotted.key = 2

            [[file]]
            from = "a"

            [[file]]
            from = "b"
            mode = "0644"

            [deep.er.table]
            x = 1
            """;

    @Test
    void everyKindOfValue_readsAsTheMapperReadsIt() throws Exception {
        JsonNode ours = TomlTree.read(EVERY_KIND);
        JsonNode theirs = MAPPER.readTree(EVERY_KIND);

        assertEquals(theirs, ours);
        assertEquals(theirs.toString(), ours.toString()); // the keys in the same order
        assertSameNodeTypes(theirs, ours, "");
    }

    @Test
    void anEmptyDocument_isAnEmptyTable() throws Exception {
        assertEquals(MAPPER.readTree(""), TomlTree.read(""));
        assertEquals(0, TomlTree.read("# only a comment\n").size());
    }

    @Test
    void syntaxErrors_areTheMappersExceptionsWithTheirMessages() {
        for (String bad : List.of("a = ", "a = 1\na = 2", "[t]\n[t]", "a = [1, 2", "= 1", "a = 1979-13-45",
                "a = \"unterminated", "a.b = 1\na = 2", "a = 0x", "[[t]]\n[t]")) {
            Exception expected = assertThrows(Exception.class, () -> MAPPER.readTree(bad), bad);
            Exception actual = assertThrows(Exception.class, () -> TomlTree.read(bad), bad);
            assertEquals(expected.getClass(), actual.getClass(), bad);
            assertEquals(expected.getMessage(), actual.getMessage(), bad);
            assertEquals(true, actual instanceof JsonProcessingException || actual instanceof DateTimeParseException,
                    bad + ": " + actual);
        }
    }

    @Test
    void randomDocumentsOfKeysAndValues_readAsTheMapperReadsThem() throws Exception {
        Random random = new Random(7);
        String[] values = {"1", "-0", "0x1f", "1e10", "2.5", "true", "\"s\"", "'l'", "[1, [2]]", "{ x = 1 }",
            "2020-01-02", "12:00:00", "2020-01-02T03:04:05Z", "99999999999999999999", "nan", "[]", "{}"};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int keys = 1 + random.nextInt(8);
            for (int k = 0; k < keys; k++) {
                text.append("k").append(k).append(" = ").append(values[random.nextInt(values.length)]).append('\n');
            }
            text.append("[t").append(round).append("]\n");
            text.append("v = ").append(values[random.nextInt(values.length)]).append('\n');
            JsonNode theirs = MAPPER.readTree(text.toString());
            JsonNode ours = TomlTree.read(text.toString());
            assertEquals(theirs, ours, text.toString());
            assertEquals(theirs.toString(), ours.toString(), text.toString());
            assertSameNodeTypes(theirs, ours, text.toString());
        }
    }

    /** Equal trees whose nodes are also of the same classes (an IntNode is not a LongNode of the same value). */
    private static void assertSameNodeTypes(JsonNode expected, JsonNode actual, String at) {
        assertEquals(expected.getClass(), actual.getClass(), at);
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(name -> assertSameNodeTypes(expected.get(name), actual.get(name),
                    at + "." + name));
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameNodeTypes(expected.get(i), actual.get(i), at + "[" + i + "]");
            }
        } else if (expected.isPojo()) {
            assertEquals(((com.fasterxml.jackson.databind.node.POJONode) expected).getPojo().getClass(),
                    ((com.fasterxml.jackson.databind.node.POJONode) actual).getPojo().getClass(), at);
        }
    }
}
