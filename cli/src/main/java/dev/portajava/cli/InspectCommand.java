package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.health.HealthCheck;
import dev.portajava.attach.Portables;
import dev.portajava.attach.UserScopeConnector;
import dev.portajava.text.ControlCharacters;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class InspectCommand implements Command {

    static final Positional<String> PREFIXES = Positional.many(0, "PREFIX", ValueType.TEXT,
            "Show only the units with these prefixes.");
    static final Option<Boolean> CAT = Option.flag("--cat",
            "Print the os-release file and the unit files themselves.");
    static final Option<Boolean> USER = Option.flag("--user", "Read the image as your own service manager's"
            + " portabled does (systemd 260 and later): its units from the image's user unit directories, and an"
            + " image name looked up in your image path, as your portabled looks it up.");

    private static final CommandModel MODEL = CommandModel.of("inspect",
            "Shows what an image offers: its portable service name, operating system and unit files.",
            "portajava reads the image itself, with the checks of attach: no system bus or portabled is needed.")
            .positionals(ImageArgument.IMAGE, PREFIXES)
            .options(CAT, ExtensionOptions.EXTENSION, ExtensionOptions.FORCE, HostOption.HOST, USER, JsonOption.JSON)
            .footer("Example", "  portajava inspect hello.raw --cat");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        String argument = ImageArgument.of(invocation.value(ImageArgument.IMAGE), invocation);
        HostOption remote = new HostOption(invocation);
        List<String> matches = invocation.values(PREFIXES);
        List<String> extensions = ExtensionOptions.arguments(invocation);
        boolean force = invocation.has(ExtensionOptions.FORCE);
        boolean cat = invocation.has(CAT);
        ImageMetadata metadata;
        if (invocation.has(USER)) {
            if (remote.remote().isPresent()) {
                throw new UsageException("--user and -H exclude each other: -H reaches a remote host's system bus");
            }
            metadata = Portables.inspect(UserScopeConnector.userTree(invocation.environment().variables()), argument,
                    extensions, matches, force);
        } else if (remote.remote().isPresent() && !argument.startsWith("/")) {
            metadata = new Portables(remote.connector()).inspectOnHost(argument, extensions,
                    matches, force);
        } else {
            metadata = Portables.inspect(argument, extensions, matches, force);
        }
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            JsonOption.print(out, metadata);
            return 0;
        }
        Map<String, String> os = metadata.osRelease();
        out.println("Image:");
        out.println("    " + shown(metadata.path()));
        out.println("Portable Service:");
        out.println("    " + shown(os.getOrDefault("PORTABLE_PRETTY_NAME", "n/a")));
        out.println("Operating System:");
        out.println("    " + shown(os.getOrDefault("PRETTY_NAME", os.getOrDefault("ID", "n/a"))));
        if (os.containsKey("IMAGE_VERSION")) {
            out.println("Image Version:");
            out.println("    " + shown(os.getOrDefault("IMAGE_ID", "") + " " + os.get("IMAGE_VERSION")));
        }
        Optional<HealthCheck> health = metadata.healthCheck();
        if (health.isPresent()) {
            out.println("Health Check:");
            out.println("    " + shown(health.get()));
        }
        if (!metadata.extensionReleases().isEmpty()) {
            out.println("Extensions:");
            metadata.extensionReleases().keySet().forEach(path -> out.println("    " + shown(path)));
        }
        if (cat) {
            verbatim(out, "-- os-release --", metadata.osReleaseText());
            metadata.extensionReleases().forEach((path, text) -> verbatim(out, "-- extension-release of "
                    + shown(path) + " --", text));
        }
        out.println("Unit files:");
        for (Map.Entry<String, String> unit : metadata.units().entrySet()) {
            out.println("    " + shown(unit.getKey()));
            if (cat) {
                out.println("-- " + shown(unit.getKey()) + " --");
                verbatim(out, null, unit.getValue());
            }
        }
        return 0;
    }

    /** A value from the image on one line: its control characters as {@code \xNN}. */
    private static String shown(Object value) {
        return ControlCharacters.escaped(String.valueOf(value));
    }

    /**
     * A file as the image holds it, after its heading if there is one, ending with a newline: its lines and tabs
     * kept, its other control characters (ESC, BEL, CR, …) as {@code \xNN}.
     */
    private static void verbatim(PrintWriter out, String heading, String text) {
        if (heading != null) {
            out.println(heading);
        }
        String shown = ControlCharacters.escapedKeepingLines(text);
        out.print(shown);
        if (!shown.endsWith("\n")) {
            out.println();
        }
    }
}
