package dev.portajava.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.digest.Sha256;
import dev.portajava.health.HealthCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops {@code update} before each of its steps in turn, as a killed process stops: no cleanup runs. After every
 * stop the old or the new version must be attached, from an image that is there, and the installation record must
 * name an image that is there (the new version only once it was found healthy); running update again must reach the
 * state of an uninterrupted run. Scenarios: a healthy update, one whose health check fails, one whose unit fails to
 * start, one whose unit fails while settling, and a download the feed's signature refuses.
 */
class UpdateCrashSafetyTest {

    /** Thrown by the hook; like SIGKILL, nothing catches it on the way out. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static final String HEALTHY_URL = "http://127.0.0.1:8080/health";
    private static final String BROKEN_URL = "http://127.0.0.1:8080/broken";
    private static final HealthProbe PROBE = (check, mainPid) -> check.url().toString().equals(BROKEN_URL)
            ? Optional.of(check.describe() + " answered HTTP 404") : Optional.empty();

    @TempDir
    static Path shared;
    private static TestFeeds.Keys keys;

    @TempDir
    Path work;

    private int runs;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestFeeds.keys(shared, "");
    }

    /** One way an update of hello 1.0 to 2.0 goes. */
    private record Scenario(String url, Set<String> failsToStart, Set<String> failsLater, boolean tampered) {
    }

    @Test
    void healthyUpdate_killedBeforeEveryStep_leavesOneVersionAttached_andRunningAgainCompletes() throws Exception {
        List<UpdateStep> steps = killEverywhere(new Scenario(HEALTHY_URL, Set.of(), Set.of(), false),
                UpdateOutcome.Status.UPDATED, "hello_2.0.raw", "2.0");
        assertEquals(List.of(UpdateStep.DOWNLOAD, UpdateStep.CHECK, UpdateStep.REATTACH, UpdateStep.SETTLE,
                UpdateStep.HEALTH, UpdateStep.RECORD, UpdateStep.PRUNE), steps);
    }

    @Test
    void failedHealthCheck_killedBeforeEveryStep_leavesOneVersionAttached_andRunningAgainRollsBack()
            throws Exception {
        List<UpdateStep> steps = killEverywhere(new Scenario(BROKEN_URL, Set.of(), Set.of(), false),
                UpdateOutcome.Status.ROLLED_BACK, "hello_1.0.raw", "1.0");
        assertEquals(List.of(UpdateStep.DOWNLOAD, UpdateStep.CHECK, UpdateStep.REATTACH, UpdateStep.SETTLE,
                UpdateStep.HEALTH, UpdateStep.ROLLBACK, UpdateStep.DISCARD), steps);
    }

    @Test
    void failedStart_killedBeforeEveryStep_leavesOneVersionAttached_andRunningAgainRollsBack() throws Exception {
        List<UpdateStep> steps = killEverywhere(new Scenario(HEALTHY_URL, Set.of("2.0"), Set.of(), false),
                UpdateOutcome.Status.ROLLED_BACK, "hello_1.0.raw", "1.0");
        assertEquals(List.of(UpdateStep.DOWNLOAD, UpdateStep.CHECK, UpdateStep.REATTACH, UpdateStep.ROLLBACK,
                UpdateStep.DISCARD), steps);
    }

    @Test
    void unitFailingWhileSettling_killedBeforeEveryStep_leavesOneVersionAttached_andRunningAgainRollsBack()
            throws Exception {
        List<UpdateStep> steps = killEverywhere(new Scenario(HEALTHY_URL, Set.of(), Set.of("2.0"), false),
                UpdateOutcome.Status.ROLLED_BACK, "hello_1.0.raw", "1.0");
        assertEquals(List.of(UpdateStep.DOWNLOAD, UpdateStep.CHECK, UpdateStep.REATTACH, UpdateStep.SETTLE,
                UpdateStep.ROLLBACK, UpdateStep.DISCARD), steps);
    }

    @Test
    void refusedDownload_leavesNothingOfIt_andTheOldVersionAttached() throws Exception {
        Machine machine = install(new Scenario(HEALTHY_URL, Set.of(), Set.of(), true), "refused");
        List<UpdateStep> steps = new ArrayList<>();

        FeedVerificationException e = assertThrows(FeedVerificationException.class, () -> machine.update(
                (step, what) -> steps.add(step)));

        assertTrue(e.getMessage().matches(".*/hello_2\\.0\\.raw: its SHA-256 is [0-9a-f]{64}, the signed SHA256SUMS"
                + " says [0-9a-f]{64}: the file was changed"), e.getMessage());
        assertEquals(List.of(UpdateStep.DOWNLOAD), steps);
        assertEquals("hello_1.0.raw", machine.host.attached().getFileName().toString());
        assertEquals(List.of("hello_1.0.raw"), machine.portables(), "no part of the refused image is left");
        assertEquals("1.0", machine.record().version());
    }

    @Test
    void update_removesWhatAKilledDownloadLeft() throws Exception {
        Machine machine = install(new Scenario(HEALTHY_URL, Set.of(), Set.of(), false), "leftovers");
        Path downloads = Files.createDirectories(machine.root.resolve("var/lib/portables/.portajava-downloads"));
        Files.writeString(downloads.resolve("hello_1.5.raw"), "half an image");
        Files.writeString(downloads.resolve(".hello_2.0.raw.download"), "half a download");

        assertEquals(UpdateOutcome.Status.UPDATED, machine.update(UpdateHook.NONE).status());

        assertEquals(List.of("hello_2.0.raw"), machine.portables());
    }

    /**
     * Runs the scenario once to count its steps, then once killed before each; returns the steps of an uninterrupted
     * run. {@code attached} and {@code recorded}: where an uninterrupted run ends.
     */
    private List<UpdateStep> killEverywhere(Scenario scenario, UpdateOutcome.Status status, String attached,
            String recorded) throws Exception {
        Machine reference = install(scenario, "reference");
        List<UpdateStep> steps = new ArrayList<>();
        UpdateOutcome outcome = reference.update((step, what) -> steps.add(step));
        assertEquals(status, outcome.status());
        assertEquals(attached, reference.host.attached().getFileName().toString());
        assertEquals(recorded, reference.record().version());
        if (status == UpdateOutcome.Status.ROLLED_BACK) {
            assertTrue(String.join("\n", outcome.failed()).contains("hello 2.0 says goodbye"),
                    "the unit's last journal lines: " + outcome.failed());
        }

        for (int n = 1; n <= steps.size(); n++) {
            Machine machine = install(scenario, "killed-" + n);
            int stop = n;
            int[] count = {0};
            assertThrows(Killed.class, () -> machine.update((step, what) -> {
                if (++count[0] == stop) {
                    throw new Killed();
                }
            }));
            String when = "killed before step " + n + " (" + steps.get(n - 1) + ")";
            machine.assertOneVersionAttached(when);

            UpdateOutcome.Status again = steps.subList(0, n - 1).contains(UpdateStep.RECORD)
                    ? UpdateOutcome.Status.UP_TO_DATE : status;
            assertEquals(again, machine.update(UpdateHook.NONE).status(), when + ", then run again");
            assertEquals(attached, machine.host.attached().getFileName().toString(), when + ", then run again");
            assertEquals(recorded, machine.record().version(), when + ", then run again");
            assertEquals(reference.portables(), machine.portables(), when + ", then run again");
        }
        return steps;
    }

    /** A machine with hello 1.0 installed from a feed that offers 2.0 as the scenario says. */
    private Machine install(Scenario scenario, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name + "-" + ++runs));
        Path feed = dir.resolve("feed");
        FeedPublisher publisher = new FeedPublisher(feed, new PublishOptions(Optional.of(FeedKey.read(keys.secret(),
                Optional.empty())), Optional.empty(), OptionalInt.empty(), "default"), Clock.systemUTC());
        Path v1 = TestFeeds.image(Files.createDirectories(dir.resolve("v1")), "hello.raw", "hello",
                "1.0");
        Path v2 = TestFeeds.image(Files.createDirectories(dir.resolve("v2")), "hello.raw", "hello", "2.0",
                HealthCheck.parse(null, scenario.url(), "2s")
                .osReleaseFields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .reduce("", String::concat));
        publisher.publish(List.of(v1, v2));
        if (scenario.tampered()) {
            try (FileChannel image = FileChannel.open(feed.resolve("hello_2.0.raw"), StandardOpenOption.WRITE)) {
                image.write(ByteBuffer.wrap(new byte[] {1}), 100);
            }
        }
        Path root = dir.resolve("root");
        Path installed = Files.createDirectories(root.resolve("var/lib/portables")).resolve("hello_1.0.raw");
        Files.copy(v1, installed);
        // as install records it: the version it attached, and the image it put there
        new Installation("hello", "1.0", new FeedAddress(feed.toUri()), "default",
                Map.of("hello_1.0.raw", Sha256.hex(v1))).save(root, Optional.of(keys.publicKeyRing()));
        return new Machine(root, new FakeUpdateHost(installed, scenario.failsToStart(), scenario.failsLater()));
    }

    private static final class Machine {

        final Path root;
        final FakeUpdateHost host;

        Machine(Path root, FakeUpdateHost host) {
            this.root = root;
            this.host = host;
        }

        UpdateOutcome update(UpdateHook hook) throws Exception {
            return new ServiceUpdater(root, host, PROBE, Duration.ZERO, 1, hook).update(record(), false);
        }

        Installation record() throws IOException {
            try {
                return Installation.load(root, "hello").orElseThrow();
            } catch (FeedConflictException e) {
                throw new AssertionError("the record install wrote is not readable", e);
            }
        }

        /** Every file below /var/lib/portables, hidden ones included, relative to it. */
        List<String> portables() throws IOException {
            Path dir = root.resolve("var/lib/portables");
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(f -> !f.equals(dir)).map(f -> dir.relativize(f).toString()).sorted().toList();
            }
        }

        void assertOneVersionAttached(String when) throws IOException {
            String attached = host.attached().getFileName().toString();
            assertTrue(List.of("hello_1.0.raw", "hello_2.0.raw").contains(attached), when + ": " + attached);
            assertTrue(Files.isRegularFile(host.attached()), when + ": the attached image is there");
            Installation record = record();
            assertTrue(Files.isRegularFile(root.resolve("var/lib/portables").resolve(record.imageFile())),
                    when + ": the recorded version's image is there");
            if (record.version().equals("2.0")) {
                assertEquals("hello_2.0.raw", attached, when + ": 2.0 is recorded only once it is attached");
            }
            for (String file : portables()) {
                assertTrue(file.startsWith(".portajava-downloads") || file.equals("hello_1.0.raw")
                        || file.equals("hello_2.0.raw"), when + ": only whole images are visible: " + file);
            }
        }
    }
}
