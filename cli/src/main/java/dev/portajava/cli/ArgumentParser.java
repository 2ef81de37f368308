package dev.portajava.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a command line against the models of portajava's commands, as picocli would: {@code --opt value} and
 * {@code --opt=value}, short options with their value attached ({@code -pstrict}) or clustered ({@code -qh}),
 * repeated options, {@code --} before positional parameters, subcommands, options inherited from the commands above
 * ({@code --verbose}), and {@code -h}/{@code --help} and {@code -V}/{@code --version} on every command. Values are
 * converted by their {@link ValueType} as they are read, defaults after; what does not fit is an
 * {@link ArgumentException} worded as picocli words it.
 */
final class ArgumentParser {

    private final String[] args;
    private final Map<Object, List<Object>> values = new IdentityHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<Option<?>> inherited = new ArrayList<>();
    private Arguments.Request request;

    private ArgumentParser(String[] args) {
        this.args = args.clone();
    }

    /** The command line {@code args} of {@code root}. */
    static Arguments parse(Command root, String... args) throws ArgumentException {
        return new ArgumentParser(args).parse(root);
    }

    private Arguments parse(Command root) throws ArgumentException {
        commands.add(root);
        List<Integer> positionals = new ArrayList<>();
        boolean endOfOptions = false;
        for (int i = 0; i < args.length && request == null; i++) {
            String arg = args[i];
            if (!endOfOptions && arg.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && arg.length() > 1 && arg.charAt(0) == '-') {
                i = option(arg, i);
            } else if (positionals.isEmpty() && !endOfOptions && model().subcommands().contains(arg)) {
                enter(arg);
            } else {
                positionals.add(i);
            }
        }
        if (request == null) {
            assign(positionals);
            for (Command command : commands) {
                complete(command.model());
            }
        }
        return new Arguments(List.copyOf(commands), request == null ? Arguments.Request.RUN : request, values);
    }

    private CommandModel model() {
        return commands.get(commands.size() - 1).model();
    }

    private void enter(String subcommand) {
        for (Option<?> option : model().options()) {
            if (option.inherited()) {
                inherited.add(option);
            }
        }
        commands.add(commands.get(commands.size() - 1).subcommand(subcommand));
    }

    /** Reads the option {@code args[i]} and its value; returns the index of its last argument. */
    private int option(String arg, int i) throws ArgumentException {
        String name = arg;
        String attached = null;
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            name = arg.substring(0, equals);
            attached = arg.substring(equals + 1);
        } else if (!arg.startsWith("--") && arg.length() > 2) {
            name = arg.substring(0, 2);
            attached = arg.charAt(2) == '=' ? arg.substring(3) : arg.substring(2);
        }
        if (name.equals("-h") || name.equals("--help")) {
            request = Arguments.Request.HELP;
            return i;
        }
        if (name.equals("-V") || name.equals("--version")) {
            request = Arguments.Request.VERSION;
            return i;
        }
        Option<?> option = find(name);
        if (option == null) {
            throw error("Unknown option: '".concat(arg).concat("'"));
        }
        if (option.isFlag()) {
            set(option, Boolean.TRUE);
            if (attached != null && !arg.startsWith("--") && arg.charAt(2) != '=') {
                return option("-".concat(attached), i);
            }
            if (attached != null) {
                throw error("Invalid value for option '" + option.name() + "': '" + attached + "' is not a boolean");
            }
            return i;
        }
        int last = i;
        String text = attached;
        if (text == null) {
            if (i + 1 >= args.length) {
                throw error("Missing required parameter for option '" + option.name() + "' (" + option.label() + ")");
            }
            text = args[++last];
            if (find(text) != null || isStandard(text)) {
                throw error("Expected parameter for option '" + option.name() + "' but found '" + text + "'");
            }
        }
        set(option, convert(option.type(), text, "option '" + option.name() + "'"));
        return last;
    }

    private static boolean isStandard(String name) {
        return name.equals("-h") || name.equals("--help") || name.equals("-V") || name.equals("--version");
    }

    private Option<?> find(String name) {
        Option<?> option = model().option(name);
        if (option != null) {
            return option;
        }
        for (Option<?> candidate : inherited) {
            if (candidate.names().contains(name)) {
                return candidate;
            }
        }
        return null;
    }

    private void set(Option<?> option, Object value) throws ArgumentException {
        List<Object> given = values.get(option);
        if (given == null) {
            given = new ArrayList<>();
            values.put(option, given);
        } else if (!option.repeatable() && !option.inherited()) {
            throw error("option '" + option.name() + "'" + (option.isFlag() ? "" : " (" + option.label() + ")")
                    + " should be specified only once");
        }
        given.add(value);
    }

    /** Gives the positional arguments, by their indexes in {@code args}, to the command's positionals in order. */
    private void assign(List<Integer> indexes) throws ArgumentException {
        int next = 0;
        for (Positional<?> positional : model().positionals()) {
            List<Object> taken = new ArrayList<>();
            while (taken.size() < positional.max() && next < indexes.size()) {
                int index = indexes.get(next++);
                taken.add(convert(positional.type(), args[index], "positional parameter at index " + (next - 1)
                        + " (" + positional.label() + ")"));
            }
            if (taken.size() < positional.min()) {
                throw error("Missing required parameter: '" + positional.label() + "'");
            }
            values.put(positional, taken);
        }
        if (next < indexes.size()) {
            int index = indexes.get(next);
            throw error("Unmatched argument at index " + index + ": '" + args[index] + "'");
        }
    }

    /** Checks that the required options of {@code model} were given, and gives the others their defaults. */
    private void complete(CommandModel model) throws ArgumentException {
        for (Option<?> option : model.options()) {
            if (values.containsKey(option)) {
                continue;
            }
            if (option.required()) {
                throw error("Missing required option: '" + option.name() + "=" + option.label() + "'");
            }
            if (option.defaultValue() != null) {
                List<Object> value = new ArrayList<>();
                value.add(option.type().parse(option.defaultValue()));
                values.put(option, value);
            }
        }
    }

    private Object convert(ValueType<?> type, String text, String what) throws ArgumentException {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("Invalid value for " + what + ": " + e.getMessage());
        }
    }

    private ArgumentException error(String message) {
        return new ArgumentException(Arguments.qualifiedName(commands), message);
    }
}
