package dev.portajava.builder.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portajava.builder.InvalidSpecException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TOML syntax error as one line: where it is (line and column), what is wrong in words rather than the parser's
 * token names, and the line itself.
 */
final class TomlSyntax {

    private static final String DUPLICATE_KEY = "Duplicate key";
    private static final Pattern KEY_LINE = Pattern.compile("[A-Za-z0-9_\"'. -]+=");
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected token: Got (\\w+), expected (.+)");
    private static final Pattern BAD_NUMBER = Pattern.compile("Invalid number representation \\(.*\\), problem: (.*)");
    /** The parser's limits: how deep values nest, how long numbers, keys and strings are. */
    private static final Pattern LIMIT = Pattern.compile(
            "(Document nesting depth|Number value length|Name length|String value length) \\((\\d+)\\) exceeds the"
            + " maximum allowed \\((\\d+).*");
    private static final Map<String, String> LIMITS = Map.of("Document nesting depth", "arrays and tables nest %s deep",
            "Number value length", "a number of %s digits", "Name length", "a key of %s characters",
            "String value length", "a string of %s characters");

    /** The parser's words for its tokens and for the problems it reports, and ours. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("UNQUOTED_KEY", "a key"), Map.entry("DOT_SEP", "'.'"), Map.entry("STRING", "a string"),
            Map.entry("TRUE", "true"), Map.entry("FALSE", "false"), Map.entry("OFFSET_DATE_TIME", "a date"),
            Map.entry("LOCAL_DATE_TIME", "a date"), Map.entry("LOCAL_DATE", "a date"),
            Map.entry("LOCAL_TIME", "a time"), Map.entry("FLOAT", "a number"), Map.entry("INTEGER", "a number"),
            Map.entry("STD_TABLE_OPEN", "'['"), Map.entry("STD_TABLE_CLOSE", "']'"),
            Map.entry("INLINE_TABLE_OPEN", "'{'"), Map.entry("INLINE_TABLE_CLOSE", "'}'"),
            Map.entry("ARRAY_TABLE_OPEN", "'[['"), Map.entry("ARRAY_TABLE_CLOSE", "']]'"),
            Map.entry("ARRAY_OPEN", "'['"), Map.entry("ARRAY_CLOSE", "']'"), Map.entry("KEY_VAL_SEP", "'='"),
            Map.entry("COMMA", "','"), Map.entry("ARRAY_WS_COMMENT_NEWLINE", "a line break"),
            Map.entry("Duplicate key", "duplicate key"), Map.entry("Table redefined", "table defined twice"),
            Map.entry("Unknown token", "unexpected character"),
            Map.entry("Premature end of file", "the file ends too early"),
            Map.entry("EOF in wrong state", "the file ends too early"),
            Map.entry("Zero-prefixed ints are not valid. If you want an octal literal, use the prefix '0o'",
                    "a number may not start with 0 (a mode is a string such as \"0755\")"));

    private TomlSyntax() {
    }

    /**
     * The refusal of {@code text}, which {@code parser} failed to read with {@code e}. {@code parser} reads a text
     * and returns the message of its error, or null.
     */
    static InvalidSpecException refusal(Path file, SpecText text, JsonProcessingException e,
            Function<String, String> parser) {
        JsonLocation location = e.getLocation();
        String where = "";
        String line = "";
        if (DUPLICATE_KEY.equals(e.getOriginalMessage())) {
            int number = duplicateKeyLine(text, parser);
            where = "line " + number + ", column " + text.indent(number) + ": ";
            line = text.line(number);
        } else if (location != null && location.getLineNr() > 0) {
            where = "line " + location.getLineNr() + (location.getColumnNr() > 0
                    ? ", column " + location.getColumnNr() : "") + ": ";
            line = text.line(location.getLineNr());
        }
        return new InvalidSpecException(file, where + "not valid TOML: " + words(e.getOriginalMessage())
                + (line.isEmpty() ? "" : ": " + line));
    }

    /**
     * A date or time that has the form TOML gives them but does not exist ({@code 2024-13-01}); the parser reads
     * it only after the syntax, and tells the text, not the place. (It reads a space between date and time as T.)
     */
    static InvalidSpecException badDate(Path file, SpecText text, String parsed) {
        int at = text.text().indexOf(parsed);
        if (at < 0 && parsed.length() > 10 && parsed.charAt(10) == 'T') {
            at = text.text().indexOf(parsed.substring(0, 10) + ' ' + parsed.substring(11));
        }
        String where = at < 0 ? "" : text.place(at) + ": ";
        return new InvalidSpecException(file, where + "not valid TOML: " + parsed + " is not a date or time");
    }

    /**
     * The line of a repeated key. The parser notices it only after the value and the next token, so its place is
     * found again: the shortest run of first lines that the parser refuses with the same error ends with the value
     * (a search in halves, as each longer run is refused too), and the key is the nearest line above that sets one.
     */
    private static int duplicateKeyLine(SpecText text, Function<String, String> parser) {
        int low = 1;
        int high = text.lineCount();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (DUPLICATE_KEY.equals(parser.apply(text.firstLines(middle)))) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        for (int line = low; line > Math.max(0, low - 1000); line--) {
            if (KEY_LINE.matcher(text.line(line)).lookingAt()) {
                return line;
            }
        }
        return low;
    }

    private static String words(String message) {
        if (message == null) {
            return "a syntax error";
        }
        String first = message.lines().findFirst().orElse("").strip();
        Matcher badNumber = BAD_NUMBER.matcher(first);
        if (badNumber.matches()) {
            return LIMIT.matcher(badNumber.group(1)).matches() ? words(badNumber.group(1)) : "not a number";
        }
        Matcher limit = LIMIT.matcher(first);
        if (limit.matches()) {
            return String.format(LIMITS.get(limit.group(1)), limit.group(2)) + "; at most " + limit.group(3);
        }
        Matcher unexpected = UNEXPECTED.matcher(first);
        if (unexpected.matches()) {
            return "unexpected " + WORDS.getOrDefault(unexpected.group(1), unexpected.group(1)) + ", expected "
                    + WORDS.getOrDefault(unexpected.group(2), unexpected.group(2));
        }
        String words = WORDS.get(first);
        if (words != null) {
            return words;
        }
        return first.isEmpty() ? "a syntax error" : Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }
}
