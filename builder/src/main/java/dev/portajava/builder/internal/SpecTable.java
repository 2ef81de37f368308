package dev.portajava.builder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portajava.builder.FileMode;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One table of a spec, read strictly: every value must have the TOML type the spec's keys are documented with, and
 * nothing is converted. A refusal names the key where it stands, {@code [image] version} or {@code [[copy]] #2
 * from} (the number only when there are several entries), and says what to write instead.
 */
final class SpecTable {

    private final Path file;
    private final SpecText text;
    private final Function<String, JsonNode> toml;
    private final ObjectNode node;
    /** "" for the root, else "[image]", "[[copy]]" or "[[copy]] #2". */
    private final String name;
    /** "" for the root, else how the table's own header is written: "[image]" or "[[copy]]". */
    private final String header;

    private SpecTable(Path file, SpecText text, Function<String, JsonNode> toml, ObjectNode node, String name,
            String header) {
        this.file = file;
        this.text = text;
        this.toml = toml;
        this.node = node;
        this.name = name;
        this.header = header;
    }

    /** The spec's top level. */
    static SpecTable root(Path file, SpecText text, Function<String, JsonNode> toml, ObjectNode node) {
        return new SpecTable(file, text, toml, node, "", "");
    }

    /** Refuses any key but {@code known}, naming the nearest known key or else all of them. */
    void allowOnly(String... known) throws InvalidSpecException {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (List.of(known).contains(field.getKey())) {
                continue;
            }
            JsonNode value = field.getValue();
            boolean table = value.isObject() || value.isArray() && !value.isEmpty() && value.get(0).isObject();
            String what = table && name.isEmpty()
                    ? "unknown table " + (value.isArray() ? "[[" + SpecText.key(field.getKey()) + "]]"
                            : "[" + SpecText.key(field.getKey()) + "]")
                    : "unknown key " + where(field.getKey());
            int allowed = Math.min(2, (field.getKey().length() - 1) / 2); // "unit" suggests units, "x" nothing
            Optional<String> nearest = Stream.of(known).filter(k -> distance(k, field.getKey()) <= allowed)
                    .min(Comparator.comparingInt(k -> distance(k, field.getKey())));
            throw invalid(what + (nearest.isPresent() ? "; did you mean " + nearest.get() + "?"
                    : " (known" + (name.isEmpty() ? "" : " keys") + ": "
                            + String.join(", ", Stream.of(known).sorted().toList()) + ")"));
        }
    }

    /** A string; absent, null. A NUL character is refused. */
    String string(String key) throws InvalidSpecException {
        String value = text(key);
        if (value != null && value.indexOf('\0') >= 0) {
            throw invalid(where(key) + " contains a NUL character");
        }
        return value;
    }

    /** A string that may hold any character, such as a file's content; absent, null. */
    String text(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(where(key), value, plain(key, value), "a string",
                    " such as " + SpecText.quoted(plain(key, value)));
        }
        return value.textValue();
    }

    /** true or false; absent, null. */
    Boolean bool(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(where(key), value, plain(key, value), "true or false",
                    value.isTextual() ? ", without quotes" : "");
        }
        return value.booleanValue();
    }

    /** An array of strings; absent, null. */
    List<String> strings(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(where(key), value, plain(key, value), "an array of strings",
                    " such as [" + SpecText.quoted(plain(key, value)) + "]");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String at = where(key) + " #" + (i + 1);
            if (!element.isTextual()) {
                throw wrongType(at, element, plain(null, element), "a string",
                        " such as " + SpecText.quoted(plain(null, element)));
            }
            if (element.textValue().indexOf('\0') >= 0) {
                throw invalid(at + " contains a NUL character");
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** A table of strings, such as [os-release]; absent, null. */
    Map<String, String> stringTable(String key) throws InvalidSpecException {
        Optional<SpecTable> table = table(key);
        if (table.isEmpty()) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Iterator<String> keys = table.get().node.fieldNames(); keys.hasNext(); ) {
            String name = keys.next();
            strings.put(name, table.get().string(name));
        }
        return strings;
    }

    /** A mode, an octal string such as "0755"; absent, null. An integer is refused with the string to write. */
    FileMode mode(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            String written = plain(key, value);
            String digits = written.replace("_", "").replaceFirst("^0o", ""); // 755, 0o755 and 7_5_5 mean 0755
            String hint = digits.matches("[0-7]{1,4}") && Integer.parseInt(digits, 8) <= 0777
                    ? String.format("%04o", Integer.parseInt(digits, 8)) : "0644";
            throw wrongType(where(key), value, written, "a string", " such as \"" + hint + "\"");
        }
        try {
            return FileMode.parse(value.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(where(key) + " = " + SpecText.quoted(value.textValue()) + " " + e.getMessage());
        }
    }

    /** The table {@code [key]}, if the spec has it. */
    Optional<SpecTable> table(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String own = "[" + SpecText.key(key) + "]";
        if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
            throw invalid("[" + own + "] must be one table: write " + own);
        }
        if (!value.isObject()) {
            throw wrongType(where(key), value, plain(key, value), "a table", ": write " + own);
        }
        // a table inside an entry is named after it: [[file]] #2 xattrs
        return Optional.of(new SpecTable(file, text, toml, (ObjectNode) value, name.isEmpty() ? own : where(key), own));
    }

    /** The entries of the array of tables {@code [[key]]}; absent, empty. */
    List<SpecTable> tables(String key) throws InvalidSpecException {
        JsonNode value = node.get(key);
        if (value == null) {
            return List.of();
        }
        String own = "[[" + SpecText.key(key) + "]]";
        if (value.isObject()) {
            throw invalid("[" + SpecText.key(key) + "] must be an array of tables: write " + own);
        }
        if (!value.isArray()) {
            throw wrongType(where(key), value, plain(key, value), "an array of tables", ": write " + own);
        }
        List<SpecTable> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String entry = value.size() == 1 ? own : own + " #" + (i + 1);
            if (!value.get(i).isObject()) {
                throw invalid(entry + " must be a table, not " + kind(value.get(i)));
            }
            entries.add(new SpecTable(file, text, toml, (ObjectNode) value.get(i), entry, own));
        }
        return entries;
    }

    /**
     * Builds the record the table holds. Its own checks name the table by its header ({@code [[copy]] from is
     * missing}); the refusal names the entry ({@code [[copy]] #2 from is missing}).
     */
    <T> T build(Supplier<T> record) throws InvalidSpecException {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (!header.equals(name) && message.startsWith(header + " ")) {
                message = name + message.substring(header.length());
            }
            throw invalid(message);
        }
    }

    InvalidSpecException invalid(String problem) {
        return new InvalidSpecException(file, problem);
    }

    private String where(String key) {
        return name.isEmpty() ? SpecText.key(key) : name + " " + SpecText.key(key);
    }

    /**
     * {@code at = WRITTEN must be EXPECTED HINT}; for a table or an array, {@code at must be EXPECTED, not a table},
     * followed by the hint only when it says what to write ({@code : write [[copy]]}).
     */
    private InvalidSpecException wrongType(String at, JsonNode value, String written, String expected, String hint) {
        if (value.isContainerNode()) {
            return invalid(at + " must be " + expected + ", not " + kind(value) + (hint.startsWith(":") ? hint : ""));
        }
        String shown = value.isTextual() ? SpecText.quoted(value.textValue()) : written;
        return invalid(at + " = " + shown + " must be " + expected + hint);
    }

    /** The value as written, without quotes: the text of a string, the literal of a number or date. */
    private String plain(String key, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return text.written(key, value, toml);
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "a table";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isTextual() ? "a string" : value.isBoolean() ? "a boolean" : value.isNumber() ? "a number"
                : "a date or time";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
