package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.health.HealthCheck;
import dev.portajava.attach.Portables;
import dev.portajava.attach.UserScopeConnector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows what an image offers: its portable service name, operating system and unit files.",
            "portajava reads the image itself, with the checks of attach: no system bus or portabled is needed."},
        footerHeading = "%nExample:%n", footer = {"  portajava inspect hello.raw --cat"})
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A .raw image or image directory, or an image name.")
    String image;

    @Parameters(index = "1..*", paramLabel = "PREFIX", description = "Show only the units with these prefixes.")
    List<String> matches = new ArrayList<>();

    @Option(names = "--cat", description = "Print the os-release file and the unit files themselves.")
    boolean cat;

    @Mixin
    ExtensionOptions extensions;

    @Option(names = "--force", description = "Take an extension's release file named otherwise than the extension image.")
    boolean force;

    @Mixin
    HostOption remote;

    @Option(names = "--user", description = {"Read the image as your own service manager's portabled does (systemd 260"
            + " and later): its units from the image's user unit directories, and an image name looked up in your"
            + " image path, as your portabled looks it up."})
    boolean user;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        String argument = ImageArgument.of(image, main, spec);
        ImageMetadata metadata;
        if (user) {
            if (remote.remote().isPresent()) {
                throw new UsageException("--user and -H exclude each other: -H reaches a remote host's system bus");
            }
            metadata = Portables.inspect(UserScopeConnector.userTree(main.environment().variables()), argument,
                    extensions.arguments(), matches, force);
        } else if (remote.remote().isPresent() && !argument.startsWith("/")) {
            metadata = new Portables(remote.connector(main, spec)).inspectOnHost(argument, extensions.arguments(),
                    matches, force);
        } else {
            metadata = Portables.inspect(argument, extensions.arguments(), matches, force);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.print(out, metadata);
            return 0;
        }
        Map<String, String> os = metadata.osRelease();
        out.println("Image:");
        out.println("    " + metadata.path());
        out.println("Portable Service:");
        out.println("    " + os.getOrDefault("PORTABLE_PRETTY_NAME", "n/a"));
        out.println("Operating System:");
        out.println("    " + os.getOrDefault("PRETTY_NAME", os.getOrDefault("ID", "n/a")));
        if (os.containsKey("IMAGE_VERSION")) {
            out.println("Image Version:");
            out.println("    " + os.getOrDefault("IMAGE_ID", "") + " " + os.get("IMAGE_VERSION"));
        }
        Optional<HealthCheck> health = metadata.healthCheck();
        if (health.isPresent()) {
            out.println("Health Check:");
            out.println("    " + health.get());
        }
        if (!metadata.extensionReleases().isEmpty()) {
            out.println("Extensions:");
            metadata.extensionReleases().keySet().forEach(path -> out.println("    " + path));
        }
        if (cat) {
            verbatim(out, "-- os-release --", metadata.osReleaseText());
            metadata.extensionReleases().forEach((path, text) -> verbatim(out, "-- extension-release of " + path
                    + " --", text));
        }
        out.println("Unit files:");
        for (Map.Entry<String, String> unit : metadata.units().entrySet()) {
            out.println("    " + unit.getKey());
            if (cat) {
                out.println("-- " + unit.getKey() + " --");
                verbatim(out, null, unit.getValue());
            }
        }
        return 0;
    }

    /** A file as the image holds it, after its heading if there is one, ending with a newline. */
    private static void verbatim(PrintWriter out, String heading, String text) {
        if (heading != null) {
            out.println(heading);
        }
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
    }
}
