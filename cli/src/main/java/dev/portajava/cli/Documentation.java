package dev.portajava.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * What picocli writes from the commands' models: {@code --help}, and the completion script; the man pages are
 * written from {@link Main#documented()} when the package is built.
 */
final class Documentation {

    private Documentation() {
    }

    /**
     * picocli's command line of {@code portajava} with the commands on {@code path} (from {@code portajava} on),
     * and every subcommand of the last: all of them for the path of {@code portajava} alone.
     */
    static CommandLine of(List<Command> path) {
        CommandLine root = PicocliSpecs.of(path.get(0), path.size() == 1 ? null : path.get(1).model().name());
        root.getCommandSpec().versionProvider(() -> new String[] {BuildVersion.line()});
        root.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitStatus.helpList());
        return root;
    }

    /** Prints the usage of the last command of {@code path}. */
    static void usage(PrintWriter out, List<Command> path) {
        CommandLine command = of(path);
        for (Command named : path.subList(1, path.size())) {
            command = command.getSubcommands().get(named.model().name());
        }
        command.usage(out);
    }

    /**
     * Runs picocli's {@code generate-completion}, whose script completes every command; a usage error is reported
     * as any other command's.
     */
    static int complete(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = of(List.of(new Main()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> ErrorHandler.usage(err, new ArgumentException(
                e.getCommandLine().getCommandSpec().qualifiedName(), e.getMessage())));
        return commandLine.execute(args);
    }
}
