package dev.portajava.attach.dbus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values in the D-Bus wire format from a whole message, whose first byte is at position 0 of the buffer
 * (the buffer's byte order is the message's). It gives the Java values {@link WireWriter} takes, except that a
 * variant gives its value and unsigned 32-bit integers are {@code Long}s. A message that breaks the format, or
 * claims more than it holds, is refused with a {@link MalformedMessageException}.
 */
final class WireReader {

    /** The D-Bus specification's largest array, in bytes. */
    static final int MAX_ARRAY = 64 << 20;

    private final ByteBuffer buffer;

    WireReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    int position() {
        return buffer.position();
    }

    /** Reads one value for each complete type of {@code signature}. */
    List<Object> read(String signature) throws MalformedMessageException {
        List<String> types;
        try {
            types = Signature.split(signature);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        List<Object> values = new ArrayList<>(types.size());
        for (String type : types) {
            values.add(readValue(type, 0));
        }
        return values;
    }

    Object readValue(String type, int depth) throws MalformedMessageException {
        if (depth > Signature.MAX_DEPTH) {
            throw new MalformedMessageException("values nested too deeply");
        }
        try {
            return value(type, depth);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("a value runs past the end of the message");
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private Object value(String type, int depth) throws MalformedMessageException {
        char code = type.charAt(0);
        switch (code) {
            case 'y':
                return buffer.get();
            case 'b': {
                long value = uint32();
                if (value > 1) {
                    throw new MalformedMessageException("a boolean of " + value);
                }
                return value == 1;
            }
            case 'n':
                align(2);
                return buffer.getShort();
            case 'q':
                align(2);
                return buffer.getShort() & 0xffff;
            case 'i':
                align(4);
                return buffer.getInt();
            case 'u':
            case 'h':
                return uint32();
            case 'x':
            case 't':
                align(8);
                return buffer.getLong();
            case 'd':
                align(8);
                return buffer.getDouble();
            case 's':
            case 'o':
                return string(uint32());
            case 'g':
                return string(buffer.get() & 0xff);
            case 'v': {
                String signature = (String) value("g", depth);
                return readValue(Signature.single(signature), depth + 1);
            }
            case 'a':
                return array(Signature.element(type), depth);
            case '(': {
                align(8);
                List<Object> fields = new ArrayList<>();
                for (String field : Signature.fields(type)) {
                    fields.add(readValue(field, depth + 1));
                }
                return fields;
            }
            default:
                throw new MalformedMessageException("cannot read type '" + type + "'");
        }
    }

    private Object array(String element, int depth) throws MalformedMessageException {
        long length = uint32();
        if (length > MAX_ARRAY || length > buffer.remaining()) {
            throw new MalformedMessageException("an array of " + length + " bytes");
        }
        align(Signature.alignment(element.charAt(0)));
        int end = buffer.position() + (int) length;
        if (end > buffer.limit()) {
            throw new MalformedMessageException("an array runs past the end of the message");
        }
        if (element.equals("y")) {
            byte[] bytes = new byte[(int) length];
            buffer.get(bytes);
            return bytes;
        }
        if (element.charAt(0) == '{') {
            List<String> entry = Signature.fields(element);
            Map<Object, Object> map = new LinkedHashMap<>();
            while (buffer.position() < end) {
                align(8);
                map.put(readValue(entry.get(0), depth + 1), readValue(entry.get(1), depth + 1));
            }
            return checkEnd(map, end);
        }
        List<Object> items = new ArrayList<>();
        while (buffer.position() < end) {
            items.add(readValue(element, depth + 1));
        }
        return checkEnd(items, end);
    }

    private Object checkEnd(Object array, int end) throws MalformedMessageException {
        if (buffer.position() != end) {
            throw new MalformedMessageException("an array's items do not fill its length");
        }
        return array;
    }

    private long uint32() {
        align(4);
        return buffer.getInt() & 0xffffffffL;
    }

    private String string(long length) throws MalformedMessageException {
        if (length > buffer.remaining()) {
            throw new MalformedMessageException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[(int) length];
        buffer.get(bytes);
        if (buffer.get() != 0) {
            throw new MalformedMessageException("a string without its terminating zero");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("a string that is not UTF-8");
        }
    }

    /** Skips the padding up to the next multiple of {@code alignment}. */
    void align(int alignment) {
        int position = buffer.position();
        int padded = (position + alignment - 1) / alignment * alignment;
        if (padded > buffer.limit()) {
            throw new BufferUnderflowException();
        }
        buffer.position(padded);
    }
}
