package dev.portajava.cli;

import java.util.List;
import java.util.Map;

/**
 * A command line as {@link ArgumentParser} understood it: the commands it names, from {@code portajava} to the one
 * that runs, what it asks of that command, and the values of the options and positional parameters, defaults
 * included, by their declaration.
 */
record Arguments(List<Command> commands, Request request, Map<Object, List<Object>> values) {

    /** What the command line asks for. */
    enum Request {
        /** Run the command. */
        RUN,
        /** {@code -h}, {@code --help}: the command's usage. */
        HELP,
        /** {@code -V}, {@code --version}. */
        VERSION
    }

    /** The command that runs: the last named. */
    Command command() {
        return commands.get(commands.size() - 1);
    }

    /** The names of the commands, from {@code portajava} on. */
    String qualifiedName() {
        return qualifiedName(commands);
    }

    static String qualifiedName(List<Command> commands) {
        StringBuilder name = new StringBuilder();
        for (Command command : commands) {
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(command.model().name());
        }
        return name.toString();
    }
}
