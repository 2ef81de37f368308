package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.Portables;
import dev.portajava.feed.Installation;
import dev.portajava.feed.PortablesUpdateHost;
import dev.portajava.feed.ServiceHealthProbe;
import dev.portajava.feed.ServiceUpdater;
import dev.portajava.feed.UpdateHook;
import dev.portajava.feed.UpdateOutcome;
import dev.portajava.text.TimeSpan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Updates installed services to the newest version their feed offers.",
            "It downloads and checks the new image, reattaches it and restarts its units, and keeps it only if the"
                + " units stay active for the settle time and pass the health check the new image declares (its"
                + " spec's [health] table: a command run in the service's context, or a URL that must answer 2xx);"
                + " otherwise the version before is attached again, what failed and the units' last journal lines"
                + " are shown, and the command exits 1. With no NAME, every installed service."},
        footerHeading = "%nExamples:%n", footer = {"  portajava update", "  portajava update hello --settle 10s"
                + " --dry-run"})
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The services to update (default: all installed).")
    List<String> names = new ArrayList<>();

    @Option(names = "--settle", paramLabel = "TIME", defaultValue = "5s", description = "How long the units must stay"
            + " active before the health check runs (default: ${DEFAULT-VALUE}; ms, s, min or h).")
    String settle;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "2", description = "Versions of each image kept in"
            + " /var/lib/portables (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--dry-run", description = "Say what would be updated; change nothing.")
    boolean dryRun;

    @Mixin
    BackendOptions backend;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException, IOException {
        if (keep < 1) {
            throw new UsageException("--keep must keep one version at least");
        }
        backend.refuseRemote(spec.name());
        Path root = backend.hostRoot();
        ServiceUpdater updater = new ServiceUpdater(root, new PortablesUpdateHost(new Portables(backend.connector(main,
                spec, Optional.empty())), !backend.offline()), new ServiceHealthProbe(), settle(), keep,
                UpdateHook.NONE);
        List<UpdateOutcome> outcomes = new ArrayList<>();
        for (String name : names.isEmpty() ? installed(root) : names) {
            Installation installation = Installation.load(root, name).orElseThrow(() -> new UsageException(name
                    + " was not installed from a feed ('portajava install NAME --feed URL' does that)"));
            outcomes.add(updater.update(installation, dryRun));
        }
        print(outcomes);
        return outcomes.stream().anyMatch(o -> o.status() == UpdateOutcome.Status.ROLLED_BACK)
                ? ExitStatus.FAILED.code() : ExitStatus.OK.code();
    }

    private Duration settle() throws UsageException {
        try {
            return TimeSpan.parse(settle);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--settle: " + e.getMessage());
        }
    }

    private static List<String> installed(Path root) throws IOException {
        Path directory = root.resolve(Installation.DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
    }

    private void print(List<UpdateOutcome> outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.print(out, outcomes);
            return;
        }
        if (outcomes.isEmpty()) {
            out.println("No service was installed from a feed; nothing to update.");
        }
        for (UpdateOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case UP_TO_DATE -> out.println(outcome.name() + " " + outcome.from() + " is up to date.");
                case WOULD_UPDATE -> out.println(outcome.name() + " " + outcome.from() + " would be updated to "
                        + outcome.to() + ".");
                case UPDATED -> out.println(outcome.name() + " updated from " + outcome.from() + " to " + outcome.to()
                        + "; its units are active.");
                case ROLLED_BACK -> {
                    spec.commandLine().getErr().println(outcome.name() + " " + outcome.to() + " failed its health"
                            + " check; " + outcome.from() + " is attached again:");
                    outcome.failed().forEach(spec.commandLine().getErr()::println);
                }
            }
        }
    }
}
