package dev.portajava.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code portajava} command: builds portable service images and attaches them to this host. */
@Command(name = "portajava",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Builds systemd portable service images and attaches them to this host.",
        exitCodeListHeading = "%nExit codes:%n")
public final class Main implements Runnable {

    /** The subcommand that prints the bash and zsh completion script: it needs every other one. */
    static final String COMPLETION = "generate-completion";

    /**
     * picocli's built-in converters of date, time and JDBC types, which no option of portajava takes: registering
     * them loads some 130 classes of java.time and java.sql on every run. picocli reads the property (regular
     * expressions of class names) each time it makes a command line.
     */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    private static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Say more, and print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Environment environment;

    Main(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    @Override
    public void run() {
        // this command line, so the message goes to its err writer, not to System.err
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, Environment.system(), args));
    }

    /** Runs the command line as {@code main} does, writing only to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        if (BuildVersion.only(args)) {
            out.println(BuildVersion.line());
            out.flush();
            return 0;
        }
        CommandLine commandLine = commandLine(environment, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The whole command line, with every subcommand: what {@code --help}, shell completion and the man pages
     * describe.
     */
    public static CommandLine documented(Environment environment) {
        return commandLine(environment);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name, or all when they name none or name
     * {@code generate-completion}, whose script completes every command.
     */
    static CommandLine commandLine(Environment environment, String... args) {
        System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        CommandLine commandLine = new CommandLine(new Main(environment));
        String named = Subcommands.named(args);
        if (named != null && !named.equals(COMPLETION)) {
            commandLine.addSubcommand(named, Subcommands.create(named));
        } else if (!BuildVersion.only(args)) {
            for (String name : Subcommands.NAMES) {
                commandLine.addSubcommand(name, Subcommands.create(name));
            }
        }
        ArgumentConverters.register(commandLine);
        ErrorHandler errors = new ErrorHandler();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitStatus.helpList());
        return commandLine;
    }

    /** The version for picocli, which {@code --version} among other arguments prints. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildVersion.line()};
        }
    }
}
