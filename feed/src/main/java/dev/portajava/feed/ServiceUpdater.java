package dev.portajava.feed;

import dev.portajava.PortajavaException;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.Portables;
import dev.portajava.attach.ReattachRequest;
import dev.portajava.attach.ReattachResult;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.name.ImageFile;
import dev.portajava.name.Version;
import dev.portajava.profiles.ProfileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code portajava update}: brings an installed service to the newest version its feed offers, and keeps it only if
 * it stays healthy. The new image is downloaded and checked beside the old one, then reattached (the old one stays
 * attached until the new one is, so an interruption leaves one of the two attached); its units must stay active for
 * the settle time, else the old image is reattached and the outcome says which units failed and why. Older images
 * beyond {@code keep} are removed after a good update.
 */
public final class ServiceUpdater {

    private static final Set<String> HEALTHY = Set.of("active", "activating", "reloading");
    private static final Duration POLL = Duration.ofMillis(250);

    private final Path root;
    private final Portables host;
    private final boolean live;
    private final Duration settle;
    private final int keep;

    /**
     * @param live whether the host is running: units are restarted and watched (not with {@code --root})
     */
    public ServiceUpdater(Path root, Portables host, boolean live, Duration settle, int keep) {
        this.root = root;
        this.host = host;
        this.live = live;
        this.settle = settle;
        this.keep = keep;
    }

    public UpdateOutcome update(Installation installation, boolean dryRun) throws PortajavaException, IOException {
        FeedClient client = new FeedClient(installation.feed(), installation.trust(root));
        Sha256Sums sums = client.sums();
        FeedEntry newest = client.index(sums).newest(installation.name()).orElseThrow(() -> new FeedException(
                client.url() + ": no longer offers " + installation.name()));
        String from = installation.version();
        if (new Version(newest.version()).compareTo(new Version(from)) <= 0) {
            return new UpdateOutcome(installation.name(), UpdateOutcome.Status.UP_TO_DATE, from, newest.version(),
                    List.of());
        }
        if (dryRun) {
            return new UpdateOutcome(installation.name(), UpdateOutcome.Status.WOULD_UPDATE, from, newest.version(),
                    List.of());
        }
        Path portables = root.resolve("var/lib/portables");
        Path image = portables.resolve(newest.file());
        Path previous = portables.resolve(installation.name() + "_" + from + ImageFile.RAW);
        client.download(newest, sums, image);
        List<String> failed;
        try {
            failed = unhealthy(reattach(image, installation));
        } catch (UnitFailedException e) {
            failed = List.of(e.getMessage() + e.unit().map(unit -> ":\n" + Journal.lastLines(unit, 10)).orElse(""));
        }
        if (!failed.isEmpty()) {
            reattach(previous, installation);
            Files.deleteIfExists(image);
            return new UpdateOutcome(installation.name(), UpdateOutcome.Status.ROLLED_BACK, from, newest.version(),
                    failed);
        }
        installation.at(newest.version()).save(root);
        prune(portables, installation.name(), image);
        return new UpdateOutcome(installation.name(), UpdateOutcome.Status.UPDATED, from, newest.version(), List.of());
    }

    private ReattachResult reattach(Path image, Installation installation) throws PortajavaException {
        return host.reattach(new ReattachRequest(image.toString(), List.of(), List.of(),
                new ProfileName(installation.profile()), CopyMode.AUTO, false, true, live, false, false));
    }

    /** The units that do not stay active for the settle time, each with its last journal lines. */
    private List<String> unhealthy(ReattachResult result) throws PortajavaException {
        if (!live) {
            return List.of();
        }
        List<String> units = result.started().stream().map(s -> s.unit()).toList();
        long deadline = System.nanoTime() + settle.toNanos();
        do {
            List<String> failed = new ArrayList<>();
            for (Map.Entry<String, String> state : host.activeStates(units).entrySet()) {
                if (!HEALTHY.contains(state.getValue())) {
                    failed.add(state.getKey() + " is " + state.getValue() + ":\n" + Journal.lastLines(state.getKey(),
                            10));
                }
            }
            if (!failed.isEmpty()) {
                return failed;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return List.of();
    }

    /** Removes the images of {@code name} older than the newest {@code keep}, never {@code attached}. */
    private void prune(Path portables, String name, Path attached) throws IOException {
        List<Path> images;
        try (var files = Files.list(portables)) {
            images = files.filter(f -> ImageFile.named(f).filter(ImageFile::raw).filter(i -> i.version().isPresent())
                    .map(i -> i.name().value().equals(name)).orElse(false))
                    .sorted(Comparator.comparing(f -> new Version(ImageFile.of(f).version().orElseThrow())))
                    .toList();
        }
        for (Path old : images.subList(0, Math.max(0, images.size() - keep))) {
            if (!old.equals(attached)) {
                Files.delete(old);
            }
        }
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
