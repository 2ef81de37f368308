package dev.portajava.builder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.portajava.builder.InvalidSpecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a spec file: UTF-8 without NUL bytes and at most {@link #MAX_BYTES} long. It also tells how a value
 * was written, for messages: TOML reads {@code 1.10} as the number 1.1 and {@code 0o644} as 420, and a message
 * must show what the user wrote.
 */
final class SpecText {

    /** A spec is a short text; large files lie beside it and are copied with {@code [[file]] from}. */
    static final int MAX_BYTES = 1 << 20;

    /** Values are shown up to this many characters. */
    private static final int SHOWN = 40;

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final String text;
    private final List<String> lines;

    private SpecText(String text) {
        this.text = text;
        this.lines = List.of(text.split("\n", -1));
    }

    /** Decodes a spec's bytes; a leading byte order mark is skipped. */
    static SpecText decode(Path file, byte[] bytes) throws InvalidSpecException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, bytes.length);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String decoded = out.flip().toString();
        if (result.isError()) {
            throw new InvalidSpecException(file, new SpecText(decoded).place(decoded.length()) + ": not UTF-8 text (byte "
                    + String.format("0x%02x", bytes[in.position()] & 0xff) + ")");
        }
        int nul = decoded.indexOf('\0');
        SpecText text = new SpecText(decoded);
        if (nul >= 0) {
            throw new InvalidSpecException(file, text.place(nul) + ": a NUL byte; a spec is text");
        }
        return text;
    }

    static InvalidSpecException tooLarge(Path file, long size) {
        return new InvalidSpecException(file, size + " bytes; a spec is at most 1 MiB (keep large files beside it"
                + " and copy them with [[file]] from)");
    }

    String text() {
        return text;
    }

    int lineCount() {
        return lines.size();
    }

    /** The first {@code count} lines. */
    String firstLines(int count) {
        return String.join("\n", lines.subList(0, Math.min(count, lines.size()))) + "\n";
    }

    /** The column of the first character of line {@code number} that is not a space or tab. */
    int indent(int number) {
        String line = number < 1 || number > lines.size() ? "" : lines.get(number - 1);
        int column = 0;
        while (column < line.length() && (line.charAt(column) == ' ' || line.charAt(column) == '\t')) {
            column++;
        }
        return column + 1;
    }

    /** Line {@code number} (from 1), as shown in a message: trimmed and cut short; empty past the end. */
    String line(int number) {
        if (number < 1 || number > lines.size()) {
            return "";
        }
        String line = lines.get(number - 1);
        return cut((line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).strip());
    }

    /**
     * {@code value}, the value of {@code key}, as the spec wrote it: a string quoted, a number or date as it
     * stands in the text when the text holds it, else as TOML read it. {@code key} null: as TOML read it.
     */
    String written(String key, JsonNode value, Function<String, JsonNode> toml) {
        if (value.isTextual()) {
            return quoted(value.textValue());
        }
        String read = value instanceof POJONode pojo ? String.valueOf(pojo.getPojo()) : value.toString();
        if (key == null || !value.isNumber() && !(value instanceof POJONode)) {
            return cut(read);
        }
        Matcher matcher = Pattern.compile("(?<![A-Za-z0-9_-])\"?" + Pattern.quote(key) + "\"?[ \\t]*=[ \\t]*"
                + "([0-9A-Za-z+_.:-]{1," + (SHOWN * 2) + "})").matcher(text);
        while (matcher.find()) {
            JsonNode candidate = toml.apply(matcher.group(1));
            if (value.equals(candidate)) {
                return cut(matcher.group(1));
            }
        }
        return cut(read);
    }

    /** {@code value} as a TOML string, escaped and cut short. */
    static String quoted(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        String shown = value.length() > SHOWN ? value.substring(0, SHOWN) : value;
        shown.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04X", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append(value.length() > SHOWN ? "\u2026\"" : "\"").toString();
    }

    /** A key as TOML writes it: bare when it can be, else quoted. */
    static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : quoted(key);
    }

    private static String cut(String text) {
        return text.length() > SHOWN * 2 ? text.substring(0, SHOWN * 2) + "\u2026" : text;
    }

    /** "line L, column C" of the character at {@code index}. */
    String place(int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (text.codePointCount(lineStart, index) + 1);
    }
}
