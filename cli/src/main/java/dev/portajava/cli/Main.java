package dev.portajava.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code portajava} command: builds portable service images and attaches them to this host. A command line is
 * parsed with the commands' own models ({@link ArgumentParser}); picocli is loaded only for what it writes from
 * them: {@code --help}, and the completion script of {@code generate-completion}.
 */
public final class Main implements Command {

    /** The subcommand that prints the bash and zsh completion script: picocli's own command. */
    static final String COMPLETION = "generate-completion";

    static final Option<Boolean> VERBOSE = Option.flag("--verbose", "Say more, and print stack traces of errors.")
            .forSubcommandsToo();

    private static final CommandModel MODEL = CommandModel.of("portajava",
            "Builds systemd portable service images and attaches them to this host.")
            .options(VERBOSE).subcommands(Subcommands.NAMES);

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws ArgumentException {
        throw new ArgumentException(MODEL.name(), "a command is required");
    }

    @Override
    public Command subcommand(String name) {
        return name.equals(COMPLETION) ? null : Subcommands.create(name);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, Environment.system(), args));
    }

    /** Runs the command line as {@code main} does, writing only to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        int code = execute(out, err, environment, args);
        out.flush();
        err.flush();
        return code;
    }

    private static int execute(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        if (COMPLETION.equals(Subcommands.named(args))) {
            return Documentation.complete(out, err, args);
        }
        Arguments arguments;
        try {
            arguments = ArgumentParser.parse(new Main(), args);
        } catch (ArgumentException e) {
            return ErrorHandler.usage(err, e);
        }
        switch (arguments.request()) {
            case HELP:
                Documentation.usage(out, arguments.commands());
                return ExitStatus.OK.code();
            case VERSION:
                out.println(BuildVersion.line());
                return ExitStatus.OK.code();
            default:
                Invocation invocation = new Invocation(arguments, out, err, environment);
                try {
                    return arguments.command().call(invocation);
                } catch (ArgumentException e) {
                    return ErrorHandler.usage(err, e);
                } catch (Exception e) {
                    return ErrorHandler.failed(err, e, invocation.verbose());
                }
        }
    }

    /**
     * The whole command line, with every subcommand, as picocli's model: what {@code --help}, shell completion and
     * the man pages describe.
     */
    public static picocli.CommandLine documented() {
        return Documentation.of(List.of(new Main()));
    }
}
