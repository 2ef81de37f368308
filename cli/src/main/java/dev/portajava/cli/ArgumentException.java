package dev.portajava.cli;

/** The command line does not fit the command's model: reported with where to read about the command. */
final class ArgumentException extends UsageException {

    private static final long serialVersionUID = 1L;

    private final String command;

    /** {@code command} is the command's whole name, as {@code --help} follows it ({@code portajava attach}). */
    ArgumentException(String command, String message) {
        super(message);
        this.command = command;
    }

    String command() {
        return command;
    }
}
