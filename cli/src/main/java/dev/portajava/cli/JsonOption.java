package dev.portajava.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;

/** {@code --json}: machine-readable output for scripts. */
final class JsonOption {

    static final Option<Boolean> JSON = Option.flag("--json", "Print the result as JSON.");

    private JsonOption() {
    }

    /** Prints {@code value} (records, lists, maps) as JSON. */
    static void print(PrintWriter out, Object value) {
        Mapper.print(out, value);
    }

    /**
     * Built on first use: Jackson is a few hundred classes that commands without --json need not load. The
     * exception it throws is caught here, not in the option's class, which every command loads: the verifier would
     * load that exception's classes with it.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        static void print(PrintWriter out, Object value) {
            try {
                out.println(INSTANCE.writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON", e);
            }
        }
    }
}
