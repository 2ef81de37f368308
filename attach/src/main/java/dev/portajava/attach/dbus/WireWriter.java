package dev.portajava.attach.dbus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes values in the D-Bus wire format, little-endian, each aligned from the start of the message. Values are
 * given as Java values of the signature's types: {@code String} for s, o and g, {@code Boolean} for b, a
 * {@code Number} for the integer types, a {@code List} for arrays and structs, a {@code Map} for an array of dict
 * entries, {@code byte[]} for {@code ay} and {@link Variant} for v.
 */
final class WireWriter {

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Writes {@code values}, one for each complete type of {@code signature}. */
    void write(String signature, List<?> values) {
        List<String> types = Signature.split(signature);
        if (types.size() != values.size()) {
            throw new IllegalArgumentException("signature '" + signature + "' takes " + types.size() + " values, not "
                    + values.size());
        }
        for (int i = 0; i < types.size(); i++) {
            writeValue(types.get(i), values.get(i));
        }
    }

    void writeValue(String type, Object value) {
        char code = type.charAt(0);
        switch (code) {
            case 'y' -> writeByte(((Number) value).intValue());
            case 'b' -> writeUint32((Boolean) value ? 1 : 0);
            case 'n', 'q' -> writeUint16(((Number) value).intValue());
            case 'i', 'u', 'h' -> writeUint32(((Number) value).longValue());
            case 'x', 't' -> writeUint64(((Number) value).longValue());
            case 'd' -> writeUint64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
            case 's', 'o' -> writeString((String) value);
            case 'g' -> writeSignature((String) value);
            case 'v' -> {
                Variant variant = (Variant) value;
                writeSignature(variant.type());
                writeValue(variant.type(), variant.value());
            }
            case 'a' -> writeArray(Signature.element(type), value);
            case '(' -> {
                pad(8);
                List<String> fields = Signature.fields(type);
                List<?> values = (List<?>) value;
                for (int i = 0; i < fields.size(); i++) {
                    writeValue(fields.get(i), values.get(i));
                }
            }
            default -> throw new IllegalArgumentException("cannot write type '" + type + "'");
        }
    }

    private void writeArray(String element, Object value) {
        pad(4);
        int lengthAt = size;
        put(new byte[4], 4);
        pad(Signature.alignment(element.charAt(0)));
        int start = size;
        if (value instanceof byte[] array) {
            put(array, array.length);
        } else if (value instanceof Map<?, ?> map) {
            List<String> entry = Signature.fields(element);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(8);
                writeValue(entry.get(0), e.getKey());
                writeValue(entry.get(1), e.getValue());
            }
        } else {
            for (Object item : (List<?>) value) {
                writeValue(element, item);
            }
        }
        int length = size - start;
        for (int i = 0; i < 4; i++) {
            bytes[lengthAt + i] = (byte) (length >>> (8 * i));
        }
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeUint16(int value) {
        pad(2);
        writeByte(value);
        writeByte(value >>> 8);
    }

    void writeUint32(long value) {
        pad(4);
        for (int i = 0; i < 4; i++) {
            writeByte((int) (value >>> (8 * i)));
        }
    }

    void writeUint64(long value) {
        pad(8);
        for (int i = 0; i < 8; i++) {
            writeByte((int) (value >>> (8 * i)));
        }
    }

    void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUint32(utf8.length);
        put(utf8, utf8.length);
        writeByte(0);
    }

    void writeSignature(String value) {
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        writeByte(ascii.length);
        put(ascii, ascii.length);
        writeByte(0);
    }

    /** Writes zero bytes up to the next multiple of {@code alignment}. */
    void pad(int alignment) {
        while (size % alignment != 0) {
            writeByte(0);
        }
    }

    private void put(byte[] source, int length) {
        ensure(length);
        System.arraycopy(source, 0, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
