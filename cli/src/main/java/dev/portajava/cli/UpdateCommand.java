package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.Portables;
import dev.portajava.feed.Installation;
import dev.portajava.feed.PortablesUpdateHost;
import dev.portajava.feed.ServiceHealthProbe;
import dev.portajava.feed.ServiceUpdater;
import dev.portajava.feed.UpdateHook;
import dev.portajava.feed.UpdateOutcome;
import dev.portajava.name.ImageName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class UpdateCommand implements Command {

    static final Positional<ImageName> NAMES = Positional.many(0, "NAME", ValueType.IMAGE_NAME,
            "The services to update (default: all installed).");
    static final Option<Duration> SETTLE = Option.value("--settle", "TIME", ValueType.TIME_SPAN, "How long the units"
            + " must stay active before the health check runs (default: ${DEFAULT-VALUE}; ms, s, min or h).")
            .defaultValue("5s");
    static final Option<Integer> KEEP = Option.value("--keep", "N", ValueType.INTEGER, "Versions of each image kept"
            + " in /var/lib/portables (default: ${DEFAULT-VALUE}).").defaultValue("2");
    static final Option<Boolean> DRY_RUN = Option.flag("--dry-run", "Say what would be updated; change nothing.");

    private static final CommandModel MODEL = CommandModel.of("update",
            "Updates installed services to the newest version their feed offers.",
            "It downloads and checks the new image, reattaches it and restarts its units, and keeps it only if the"
                + " units stay active for the settle time and pass the health check the new image declares (its"
                + " spec's [health] table: a command run in the service's context, or a URL that must answer 2xx);"
                + " otherwise the version before is attached again, what failed and the units' last journal lines"
                + " are shown, and the command exits 1. With no NAME, every installed service.")
            .positionals(NAMES).options(SETTLE, KEEP, DRY_RUN).options(BackendOptions.HERE_ONLY)
            .options(JsonOption.JSON)
            .footer("Examples", "  portajava update", "  portajava update hello --settle 10s --dry-run");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException, IOException {
        int keep = invocation.value(KEEP);
        List<String> names = invocation.values(NAMES).stream().map(ImageName::value).toList();
        BackendOptions backend = new BackendOptions(invocation);
        if (keep < 1) {
            throw new UsageException("--keep must keep one version at least");
        }
        backend.refuseRemote(invocation.name());
        Path root = backend.hostRoot();
        ServiceUpdater updater = new ServiceUpdater(root, new PortablesUpdateHost(new Portables(backend.connector(
                Optional.empty())), !backend.offline()), new ServiceHealthProbe(), invocation.value(SETTLE),
                keep, UpdateHook.NONE);
        List<UpdateOutcome> outcomes = new ArrayList<>();
        for (String name : names.isEmpty() ? installed(root) : names) {
            Installation installation = Installation.load(root, name).orElseThrow(() -> new UsageException(name
                    + " was not installed from a feed ('portajava install NAME --feed URL' does that)"));
            outcomes.add(updater.update(installation, invocation.has(DRY_RUN)));
        }
        print(invocation, outcomes, backend.offline() ? " in " + root + " (a root tree: nothing was started)."
                : "; its units are active.");
        return outcomes.stream().anyMatch(o -> o.status() == UpdateOutcome.Status.ROLLED_BACK)
                ? ExitStatus.FAILED.code() : ExitStatus.OK.code();
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

    /** The outcomes; {@code updated} ends the line of an updated service: where, and whether its units run. */
    private static void print(Invocation invocation, List<UpdateOutcome> outcomes, String updated) {
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
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
                        + updated);
                case ROLLED_BACK -> {
                    invocation.err().println(outcome.name() + " " + outcome.to() + " failed its health"
                            + " check; " + outcome.from() + " is attached again:");
                    outcome.failed().forEach(invocation.err()::println);
                }
            }
        }
    }
}
