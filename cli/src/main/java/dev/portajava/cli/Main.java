package dev.portajava.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.AutoComplete.GenerateCompletion;
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

    /*
     * The subcommands, in the order help lists them (Subcommands.ALL, made on first use). They are added to the
     * command line on demand: picocli builds a command's model by reflection, and a run needs only the command it
     * runs; --version needs none, nor picocli.
     */
    private static final class Subcommands {
        static final Map<String, Supplier<Object>> ALL = subcommands();
    }

    /** The subcommand that prints the bash and zsh completion script: it needs every other one. */
    private static final String COMPLETION = "generate-completion";

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
        CommandLine commandLine = new CommandLine(new Main(environment));
        Optional<String> named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst()
                .filter(Subcommands.ALL::containsKey).filter(name -> !name.equals(COMPLETION));
        if (named.isPresent()) {
            commandLine.addSubcommand(named.get(), Subcommands.ALL.get(named.get()).get());
        } else if (!BuildVersion.only(args)) {
            Subcommands.ALL.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
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

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("build", BuildCommand::new);
        commands.put("attach", AttachCommand::new);
        commands.put("detach", DetachCommand::new);
        commands.put("reattach", ReattachCommand::new);
        commands.put("inspect", InspectCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("is-attached", IsAttachedCommand::new);
        commands.put("profiles", ProfilesCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("cache", CacheCommand::new);
        commands.put("publish", PublishCommand::new);
        commands.put("install", InstallCommand::new);
        commands.put("uninstall", UninstallCommand::new);
        commands.put("update", UpdateCommand::new);
        commands.put("polkit", PolkitCommand::new);
        commands.put(COMPLETION, GenerateCompletion::new);
        return Collections.unmodifiableMap(commands);
    }

    /** The version for picocli, which {@code --version} among other arguments prints. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildVersion.line()};
        }
    }
}
