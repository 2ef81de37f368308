package dev.portajava.attach.dbus;

import java.util.ArrayList;
import java.util.List;

/** D-Bus type signatures: a signature split into its complete types, and the alignment of each type. */
final class Signature {

    /** The D-Bus specification's limit on nested arrays and structs together. */
    static final int MAX_DEPTH = 64;

    private Signature() {
    }

    /** The complete types of {@code signature}, in order: {@code "sa(ss)b"} gives s, a(ss) and b. */
    static List<String> split(String signature) {
        List<String> types = new ArrayList<>();
        int start = 0;
        while (start < signature.length()) {
            int end = end(signature, start, 0);
            types.add(signature.substring(start, end));
            start = end;
        }
        return types;
    }

    /** The one complete type of {@code type}, refused unless it is exactly one. */
    static String single(String type) {
        if (type.isEmpty() || end(type, 0, 0) != type.length()) {
            throw new IllegalArgumentException("not a single complete type: '" + type + "'");
        }
        return type;
    }

    /** The element type of the array type {@code type} ({@code a…}). */
    static String element(String type) {
        return type.substring(1);
    }

    /** The field types of the struct or dict-entry type {@code type}. */
    static List<String> fields(String type) {
        return split(type.substring(1, type.length() - 1));
    }

    /** Where a value of a type starting with {@code code} begins, in bytes. */
    static int alignment(char code) {
        return switch (code) {
            case 'y', 'g', 'v' -> 1;
            case 'n', 'q' -> 2;
            case 'b', 'i', 'u', 'h', 's', 'o', 'a' -> 4;
            case 'x', 't', 'd', '(', '{' -> 8;
            default -> throw new IllegalArgumentException("unknown type code '" + code + "'");
        };
    }

    private static int end(String signature, int start, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("signature nested too deeply: '" + signature + "'");
        }
        if (start >= signature.length()) {
            throw new IllegalArgumentException("incomplete signature: '" + signature + "'");
        }
        char code = signature.charAt(start);
        switch (code) {
            case 'a':
                return end(signature, start + 1, depth + 1);
            case '(':
            case '{': {
                char close = code == '(' ? ')' : '}';
                int at = start + 1;
                int count = 0;
                while (at < signature.length() && signature.charAt(at) != close) {
                    at = end(signature, at, depth + 1);
                    count++;
                }
                if (at >= signature.length() || count == 0 || (code == '{' && count != 2)) {
                    throw new IllegalArgumentException("malformed signature: '" + signature + "'");
                }
                return at + 1;
            }
            default:
                alignment(code);
                return start + 1;
        }
    }
}
