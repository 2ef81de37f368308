package dev.portajava.cli;

/**
 * A command of portajava: its model, which both parses its arguments and describes it to {@code --help}, the man
 * pages and shell completion, and what it does with the parsed arguments.
 */
interface Command {

    CommandModel model();

    /** Runs the command; returns its exit code. Errors are thrown, and {@link ErrorHandler} reports them. */
    int call(Invocation invocation) throws Exception;

    /** The subcommand called {@code name} (one of the model's), made now; null if there is none. */
    default Command subcommand(String name) {
        return null;
    }
}
