package dev.portajava.cli;

import dev.portajava.PortajavaException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception out of a command into one line on standard error and the documented exit code. A stack
 * trace is printed only with {@code --verbose}; an unexpected exception is an internal error.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper,
        CommandLine.IParameterExceptionHandler {

    /** A usage error: one line, and where to read more, instead of the whole usage text. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("portajava: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitStatus.BAD_INPUT.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = verbose(parseResult);
        err.println("portajava: " + message(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return getExitCode(e);
    }

    /** What the user is told of {@code e}, after "portajava: ". */
    static String message(Exception e) {
        return e instanceof PortajavaException known ? known.getMessage() : "internal error: " + e;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return ExitStatus.of(exception).code();
    }

    /** True if {@code --verbose} was given to the command or any of its parents. */
    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult current = result; current != null;
                current = current.hasSubcommand() ? current.subcommand() : null) {
            if (current.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
