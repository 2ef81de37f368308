package dev.portajava.cli;

import java.util.List;

/**
 * A positional parameter of a command: the arguments, in order, that are neither options nor their values. A
 * command's positionals take the arguments in the order it lists them, each from {@code min} to {@code max}.
 *
 * @param max at most this many arguments; {@link #UNBOUNDED} for no limit
 */
record Positional<T>(String label, ValueType<T> type, int min, int max, List<String> description) {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    Positional {
        description = List.copyOf(description);
    }

    /** Exactly one argument. */
    static <T> Positional<T> one(String label, ValueType<T> type, String... description) {
        return new Positional<>(label, type, 1, 1, List.of(description));
    }

    /** One argument or none. */
    static <T> Positional<T> optional(String label, ValueType<T> type, String... description) {
        return new Positional<>(label, type, 0, 1, List.of(description));
    }

    /** Any number of arguments, at least {@code min}. */
    static <T> Positional<T> many(int min, String label, ValueType<T> type, String... description) {
        return new Positional<>(label, type, min, UNBOUNDED, List.of(description));
    }
}
