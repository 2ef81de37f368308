package dev.portajava.cli;

import java.util.List;

/**
 * A named option of a command: its names, what it takes, and the text {@code --help} shows. A flag takes no value;
 * any other option takes one, of its {@link ValueType}, once, or again and again if it is repeatable. The
 * description may name {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}}, as picocli's help fills them in.
 *
 * @param names the names, the short one first ({@code -p}, {@code --profile})
 * @param label what the value stands for in help ({@code NAME}); empty for a flag
 * @param type what the value is; null for a flag
 * @param defaultValue the text of the value the option has when it is not given, or null
 * @param candidates what shell completion offers for the value; null for the type's
 */
record Option<T>(List<String> names, String label, ValueType<T> type, String defaultValue, boolean required,
        boolean repeatable, boolean inherited, Iterable<String> candidates, List<String> description) {

    Option {
        names = List.copyOf(names);
        description = List.copyOf(description);
    }

    /** A flag: true when given. */
    static Option<Boolean> flag(String name, String... description) {
        return flag(List.of(name), description);
    }

    static Option<Boolean> flag(List<String> names, String... description) {
        return new Option<>(names, "", null, null, false, false, false, null, List.of(description));
    }

    /** An option that takes one value of {@code type}, given once. */
    static <T> Option<T> value(String name, String label, ValueType<T> type, String... description) {
        return value(List.of(name), label, type, description);
    }

    static <T> Option<T> value(List<String> names, String label, ValueType<T> type, String... description) {
        return new Option<>(names, label, type, null, false, false, false, null, List.of(description));
    }

    /** This option, with the value {@code text} when it is not given. */
    Option<T> defaultValue(String text) {
        return new Option<>(names, label, type, text, required, repeatable, inherited, candidates, description);
    }

    /** This option, which must be given. */
    Option<T> mandatory() {
        return new Option<>(names, label, type, defaultValue, true, repeatable, inherited, candidates, description);
    }

    /** This option, which may be given again and again, each time with one more value. */
    Option<T> repeated() {
        return new Option<>(names, label, type, defaultValue, required, true, inherited, candidates, description);
    }

    /** This option, which the subcommands of the command that has it take too. */
    Option<T> forSubcommandsToo() {
        return new Option<>(names, label, type, defaultValue, required, repeatable, true, candidates, description);
    }

    /** This option, with these values offered to shell completion. */
    Option<T> candidates(Iterable<String> values) {
        return new Option<>(names, label, type, defaultValue, required, repeatable, inherited, values, description);
    }

    boolean isFlag() {
        return type == null;
    }

    /** The longest name, by which messages name the option. */
    String name() {
        return names.get(names.size() - 1);
    }

    /** What completion offers: the option's own candidates, else its type's. */
    Iterable<String> completion() {
        return candidates != null ? candidates : type == null ? List.of() : type.candidates();
    }
}
