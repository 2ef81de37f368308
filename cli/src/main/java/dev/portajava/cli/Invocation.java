package dev.portajava.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command as it runs: the values its command line gave, where it writes, and what it takes from outside
 * ({@link Environment}). A command writes only to {@link #out()} and {@link #err()}.
 */
final class Invocation {

    private final Arguments arguments;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Environment environment;

    Invocation(Arguments arguments, PrintWriter out, PrintWriter err, Environment environment) {
        this.arguments = arguments;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Environment environment() {
        return environment;
    }

    /** The name of the command that runs ({@code install}). */
    String name() {
        return arguments.command().model().name();
    }

    /** Whether {@code --verbose} was given, to this command or one above. */
    boolean verbose() {
        return has(Main.VERBOSE);
    }

    /** Whether the flag was given. */
    boolean has(Option<Boolean> flag) {
        return arguments.values().containsKey(flag);
    }

    /** The option's value, its default if not given, or null. */
    <T> T value(Option<T> option) {
        List<T> values = values(option);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The values of a repeatable option, in the order given. */
    <T> List<T> values(Option<T> option) {
        return typed(option);
    }

    /** The positional's argument, or null if none was given. */
    <T> T value(Positional<T> positional) {
        List<T> values = values(positional);
        return values.isEmpty() ? null : values.get(0);
    }

    <T> List<T> values(Positional<T> positional) {
        return typed(positional);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> typed(Object declaration) {
        List<Object> values = arguments.values().get(declaration);
        return values == null ? List.of() : List.copyOf((List<T>) values);
    }
}
