package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.text.ControlCharacters;
import java.io.PrintWriter;

/**
 * Turns an exception out of a command into one line on standard error and the documented exit code. A stack
 * trace is printed only with {@code --verbose}; an unexpected exception is an internal error. The message may quote
 * an image or portabled: its control characters are shown as {@code \xNN}.
 */
final class ErrorHandler {

    private ErrorHandler() {
    }

    /** A usage error: one line, and where to read more, instead of the whole usage text. */
    static int usage(PrintWriter err, ArgumentException e) {
        err.println("portajava: ".concat(ControlCharacters.escaped(String.valueOf(e.getMessage()))));
        err.println("Try '".concat(e.command()).concat(" --help' for more information."));
        return ExitStatus.BAD_INPUT.code();
    }

    /** A command that failed with {@code e}. */
    static int failed(PrintWriter err, Exception e, boolean verbose) {
        err.println("portajava: ".concat(ControlCharacters.escaped(message(e))));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitStatus.of(e).code();
    }

    /** What the user is told of {@code e}, after "portajava: ". */
    static String message(Exception e) {
        return e instanceof PortajavaException known ? known.getMessage() : "internal error: " + e;
    }
}
