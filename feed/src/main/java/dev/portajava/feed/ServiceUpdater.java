package dev.portajava.feed;

import dev.portajava.PortajavaException;
import dev.portajava.attach.Portables;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.health.HealthCheck;
import dev.portajava.name.ImageFile;
import dev.portajava.name.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code portajava update}: brings an installed service to the newest version its feed offers, and keeps it only if
 * it stays healthy. The steps ({@link UpdateStep}) run in order, each announced to the hook: the new image is
 * downloaded into a hidden directory and checked, renamed beside the old one, then reattached (the old one stays
 * attached until the new one is, so an interruption leaves one of the two attached); its units must stay active for
 * the settle time and pass the health check the new image declares, else the old image is reattached and the outcome
 * says what failed, with the units' last journal lines. The installation record moves to the new version only once
 * it is healthy. Images beyond {@code keep} are removed, never the recorded one.
 */
public final class ServiceUpdater {

    private static final Set<String> HEALTHY = Set.of("active", "activating", "reloading");
    private static final Duration POLL = Duration.ofMillis(250);

    private final Path root;
    private final UpdateHost host;
    private final HealthProbe probe;
    private final Duration settle;
    private final int keep;
    private final UpdateHook hook;

    public ServiceUpdater(Path root, UpdateHost host, HealthProbe probe, Duration settle, int keep, UpdateHook hook) {
        this.root = root;
        this.host = host;
        this.probe = probe;
        this.settle = settle;
        this.keep = keep;
        this.hook = hook;
    }

    public UpdateOutcome update(Installation installation, boolean dryRun) throws PortajavaException, IOException {
        try (FeedClient client = new FeedClient(installation.feed(), installation.trust(root))) {
            return update(installation, client, dryRun);
        }
    }

    private UpdateOutcome update(Installation installation, FeedClient client, boolean dryRun)
            throws PortajavaException, IOException {
        Sha256Sums sums = client.sums();
        FeedEntry newest = client.index(sums).newest(installation.name()).orElseThrow(() -> new FeedException(
                client.url() + ": no longer offers " + installation.name()));
        String from = installation.version();
        boolean newer = new Version(newest.version()).compareTo(new Version(from)) > 0;
        if (dryRun) {
            return outcome(installation, newer ? UpdateOutcome.Status.WOULD_UPDATE : UpdateOutcome.Status.UP_TO_DATE,
                    newest, List.of());
        }
        PortablesDirectory portables = new PortablesDirectory(root, installation.name(), hook);
        portables.discardLeftovers();
        if (!newer) {
            prune(portables, installation);
            return outcome(installation, UpdateOutcome.Status.UP_TO_DATE, newest, List.of());
        }
        Path image = portables.image(newest.file());
        Path previous = portables.image(installation.imageFile());
        Optional<HealthCheck> health = download(client, newest, sums, portables);
        List<String> failed = start(image, installation, health);
        if (!failed.isEmpty()) {
            hook.before(UpdateStep.ROLLBACK, "reattach " + previous);
            try {
                host.reattach(previous, installation.profile());
            } catch (UnitFailedException e) {
                failed = new ArrayList<>(failed);
                failed.add(installation.name() + " " + from + " is attached again, but " + failure(e));
            }
            hook.before(UpdateStep.DISCARD, "remove " + image);
            Files.deleteIfExists(image);
            return outcome(installation, UpdateOutcome.Status.ROLLED_BACK, newest, failed);
        }
        hook.before(UpdateStep.RECORD, installation.name() + " " + newest.version());
        Installation updated = installation.at(newest.version()).withImage(newest.file(),
                client.signedDigest(newest.file(), sums));
        updated.save(root);
        prune(portables, updated);
        return outcome(installation, UpdateOutcome.Status.UPDATED, newest, List.of());
    }

    /** Prunes the images {@code record} names beyond the newest {@link #keep}, and records what is gone. */
    private void prune(PortablesDirectory portables, Installation record) throws IOException {
        Installation pruned = portables.prune(record, keep);
        if (!pruned.equals(record)) {
            pruned.save(root);
        }
    }

    /**
     * Downloads and checks {@code entry}, then renames it into place, unless it is there already (a file of its name
     * with other bytes is refused); its health check.
     */
    private Optional<HealthCheck> download(FeedClient client, FeedEntry entry, Sha256Sums sums,
            PortablesDirectory portables) throws PortajavaException, IOException {
        Path image = portables.image(entry.file());
        if (client.isDownloaded(entry, sums, image)) {
            return Portables.inspect(image.toString(), List.of(), List.of(), false).healthCheck();
        }
        Path partial = portables.download(entry.file());
        hook.before(UpdateStep.DOWNLOAD, client.url().resolve(entry.file()) + " to " + partial);
        try {
            Files.createDirectories(partial.getParent());
            client.download(entry, sums, partial);
        } catch (FeedException e) {
            portables.removeDownloadsIfEmpty();
            throw e;
        }
        hook.before(UpdateStep.CHECK, "read the health check of " + partial + ", rename it into place");
        try {
            Optional<HealthCheck> health = Portables.inspect(partial.toString(), List.of(), List.of(), false)
                    .healthCheck();
            Files.move(partial, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return health;
        } finally {
            Files.deleteIfExists(partial);
            portables.removeDownloadsIfEmpty();
        }
    }

    /** Reattaches {@code image}, watches its units and runs its health check; what failed, empty if it is healthy. */
    private List<String> start(Path image, Installation installation, Optional<HealthCheck> health)
            throws PortajavaException, IOException {
        hook.before(UpdateStep.REATTACH, "reattach " + image);
        List<String> units;
        try {
            units = host.reattach(image, installation.profile());
        } catch (UnitFailedException e) {
            return List.of(failure(e));
        }
        if (!host.live()) {
            return List.of();
        }
        hook.before(UpdateStep.SETTLE, "watch " + String.join(" ", units) + " for " + settle.toMillis() + " ms");
        List<String> failed = unsettled(units);
        if (!failed.isEmpty() || health.isEmpty()) {
            return failed;
        }
        hook.before(UpdateStep.HEALTH, health.get().describe());
        long mainPid = 0;
        for (String unit : units) {
            mainPid = mainPid != 0 || !unit.endsWith(".service") ? mainPid : host.mainPid(unit);
        }
        Optional<String> failure = probe.failure(health.get(), mainPid);
        if (failure.isEmpty()) {
            return List.of();
        }
        StringBuilder said = new StringBuilder("the health check failed: " + failure.get());
        units.forEach(unit -> said.append("\n").append(unit).append(":\n").append(host.journal(unit)));
        return List.of(said.toString());
    }

    private String failure(UnitFailedException e) {
        return e.getMessage() + e.unit().map(unit -> ":\n" + host.journal(unit)).orElse("");
    }

    /** The units that do not stay active for the settle time, each with its last journal lines. */
    private List<String> unsettled(List<String> units) throws PortajavaException {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            List<String> failed = new ArrayList<>();
            for (Map.Entry<String, String> state : host.activeStates(units).entrySet()) {
                if (!HEALTHY.contains(state.getValue())) {
                    failed.add(state.getKey() + " is " + state.getValue() + ":\n" + host.journal(state.getKey()));
                }
            }
            if (!failed.isEmpty() || System.nanoTime() >= deadline) {
                return failed;
            }
            sleep();
        }
    }

    private static UpdateOutcome outcome(Installation installation, UpdateOutcome.Status status, FeedEntry newest,
            List<String> failed) {
        return new UpdateOutcome(installation.name(), status, installation.version(), newest.version(), failed);
    }

    private static void sleep() throws UnitFailedException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnitFailedException("interrupted while watching the units");
        }
    }
}
