package dev.portajava.builder.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * TOML text as Jackson's tree, read by the TOML module's parser alone. The parser checks the syntax (repeated keys
 * and tables too) and builds the tree; this copies its tokens into the nodes {@code ObjectMapper.readTree} would
 * make. No {@code ObjectMapper} is set up for it: that took a build about 20 ms (its date format loads the locale
 * data and the time zones, and compiles patterns).
 */
final class TomlTree {

    /** A date is a date, never a string. */
    private static final TomlFactory FACTORY = TomlFactory.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TomlTree() {
    }

    /**
     * The tables and keys of {@code text}.
     *
     * @throws JsonProcessingException its syntax error, with where it is
     * @throws java.time.format.DateTimeParseException a date it does not read
     */
    static ObjectNode read(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            parser.nextToken();
            return (ObjectNode) node(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading TOML from a string: " + e.getMessage(), e);
        }
    }

    /** The value at the parser's current token, its tokens read up to its end. */
    private static JsonNode node(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                ObjectNode table = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    table.set(key, node(parser));
                }
                return table;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(parser.getNumberValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT:
                return NODES.pojoNode(parser.getEmbeddedObject());
            default:
                throw new IllegalStateException("unexpected token " + parser.currentToken() + " in a TOML tree");
        }
    }

    /** The node of the number's own type, as the tree the parser built holds it. */
    private static JsonNode number(Number number) {
        if (number instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (number instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (number instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (number instanceof BigDecimal d) {
            // as readTree keeps it: without its trailing zeros (3.0 is 3), its scale left alone where that fails
            try {
                return NODES.numberNode(d.stripTrailingZeros());
            } catch (ArithmeticException e) {
                return NODES.numberNode(d);
            }
        }
        if (number instanceof Float f) {
            return NODES.numberNode(f);
        }
        return NODES.numberNode(number.doubleValue());
    }
}
