package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portajava.attach.CopyMode;
import dev.portajava.name.UnitName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a native attach, detach and reattach before each of its file system operations in turn, as a killed
 * process would stop: no cleanup runs. After every stop the tree must hold no unit that systemd would load
 * half-way, and running the same command again must reach exactly the tree of an uninterrupted run.
 */
class CrashSafetyTest {

    /** Thrown by the hook; like SIGKILL, nothing catches it on the way out. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path dir;

    private Path v1;
    private Path v2;
    private final FakeUnits units = new FakeUnits();

    @BeforeEach
    void images() throws IOException {
        Path images = dir.resolve("images");
        v1 = TestTrees.image(images, "1", "app.service", "app-worker.service", "app.socket");
        v2 = TestTrees.image(images, "2", "app.service", "app-extra.service", "app.socket");
    }

    @Test
    void attach_killedAtEveryStep_leavesNoHalfUnit_andRunningItAgainCompletes() throws Exception {
        Path reference = TestTrees.host(dir, "reference");
        int steps = count(reference, images -> attach(images, v1));
        assertTrue(steps >= 15, "steps: " + steps);

        for (int n = 1; n <= steps; n++) {
            Path root = TestTrees.host(dir, "attach-" + n);
            killAt(root, n, images -> attach(images, v1));
            assertNoHalfUnit(root, "attach killed at step " + n);
            attach(native_(root, StepHook.NONE), v1);
            assertEquals(TestTrees.listing(reference).size(), TestTrees.listing(root).size());
            assertEquals(relative(reference), relative(root), "attach killed at step " + n + ", then run again");
        }
    }

    @Test
    void detach_killedAtEveryStep_leavesNoHalfUnit_andRunningItAgainCleansUp() throws Exception {
        Path reference = TestTrees.host(dir, "reference");
        attach(native_(reference, StepHook.NONE), v1);
        int steps = count(reference, images -> images.detachImage(v1.toString(), List.of(), false));

        for (int n = 1; n <= steps; n++) {
            Path root = TestTrees.host(dir, "detach-" + n);
            attach(native_(root, StepHook.NONE), v1);
            killAt(root, n, images -> images.detachImage(v1.toString(), List.of(), false));
            assertNoHalfUnit(root, "detach killed at step " + n);
            native_(root, StepHook.NONE).detachImage(v1.toString(), List.of(), false);
            assertEquals(relative(reference), relative(root), "detach killed at step " + n + ", then run again");
        }
    }

    @Test
    void reattach_killedAtEveryStep_leavesNoHalfUnit_andRunningItAgainCompletes() throws Exception {
        Path reference = TestTrees.host(dir, "reference");
        attach(native_(reference, StepHook.NONE), v1);
        int steps = count(reference, images -> reattach(images, v2));

        for (int n = 1; n <= steps; n++) {
            Path root = TestTrees.host(dir, "reattach-" + n);
            attach(native_(root, StepHook.NONE), v1);
            killAt(root, n, images -> reattach(images, v2));
            assertNoHalfUnit(root, "reattach killed at step " + n);
            reattach(native_(root, StepHook.NONE), v2);
            assertEquals(relative(reference), relative(root), "reattach killed at step " + n + ", then run again");
        }
    }

    @Test
    void attachAndDetachWithExtensions_killedAtEveryStep_leaveNoHalfUnit_andRunningThemAgainCompletes()
            throws Exception {
        Path images = dir.resolve("images");
        Path app0 = TestTrees.extension(images, "app0", "app0", "ID=app\nVERSION_ID=1\nPORTABLE_PREFIXES=app0\n",
                "app0.service");
        Path app1 = TestTrees.extension(images, "app1", "app1", "ID=_any\nPORTABLE_PREFIXES=app1\n", "app1.service",
                "app1.socket");
        List<String> extensions = List.of(app0.toString(), app1.toString());
        Command attach = images_ -> images_.attachImage(v1.toString(), extensions, List.of("app", "app0", "app1"),
                "strict", false, CopyMode.AUTO, false);
        Command detach = images_ -> images_.detachImage(v1.toString(), extensions, false);
        Path reference = TestTrees.host(dir, "reference-extensions");
        int steps = count(reference, attach);
        assertTrue(steps >= 25, "steps: " + steps);
        Path detached = TestTrees.host(dir, "detached-extensions");
        attach.run(native_(detached, StepHook.NONE));
        detach.run(native_(detached, StepHook.NONE));

        for (int n = 1; n <= steps; n++) {
            Path root = TestTrees.host(dir, "attach-extensions-" + n);
            killAt(root, n, attach);
            assertEachUnitHasItsDropIn(root, "attach with extensions killed at step " + n);
            attach.run(native_(root, StepHook.NONE));
            assertEquals(relative(reference), relative(root), "attach killed at step " + n + ", then run again");
            killAt(root, Math.min(n, steps / 2), detach);
            assertEachUnitHasItsDropIn(root, "detach with extensions killed at step " + n);
            detach.run(native_(root, StepHook.NONE));
            assertEquals(relative(detached), relative(root), "detach killed, then run again");
        }
    }

    /** Every unit file systemd could load has its 20-portable.conf, whose marker names the image and its extensions. */
    private static void assertEachUnitHasItsDropIn(Path root, String when) throws IOException {
        Path attached = root.resolve("etc/systemd/system.attached");
        if (!Files.isDirectory(attached)) {
            return;
        }
        try (Stream<Path> entries = Files.list(attached)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".#") || name.endsWith(".d")) {
                    continue;
                }
                Path portable = attached.resolve(name + ".d/20-portable.conf");
                assertTrue(Files.isRegularFile(portable, LinkOption.NOFOLLOW_LINKS), when + ": " + name);
                assertTrue(Files.readString(portable).matches("(?s)# Drop-in created for image '[^']*app_1:[^']*"
                        + "app0:[^']*app1', do not edit.\n.*"), when + ": " + Files.readString(portable));
            }
        }
    }

    private interface Command {
        void run(NativeImages images) throws Exception;
    }

    private static void attach(NativeImages images, Path image) throws Exception {
        images.attachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
    }

    private static void reattach(NativeImages images, Path image) throws Exception {
        images.reattachImage(image.toString(), List.of(), List.of(), "strict", false, CopyMode.AUTO, false);
    }

    private NativeImages native_(Path root, StepHook hook) {
        return new NativeImages(new HostTree(root, false), units, Optional.empty(), hook);
    }

    private int count(Path root, Command command) throws Exception {
        AtomicInteger count = new AtomicInteger();
        command.run(native_(root, (step, what) -> count.set(step)));
        return count.get();
    }

    private void killAt(Path root, int n, Command command) {
        assertThrows(Killed.class, () -> command.run(native_(root, (step, what) -> {
            if (step == n) {
                throw new Killed();
            }
        })), "step " + n + " was never reached");
    }

    private static List<String> relative(Path root) {
        return TestTrees.listing(root).stream().map(line -> line.replace(root.toString(), "ROOT")).toList();
    }

    /**
     * Every unit file systemd could load has both drop-ins, complete, for the same image version as the unit file;
     * no file systemd reads carries a temporary name.
     */
    private static void assertNoHalfUnit(Path root, String when) throws IOException {
        for (String attached : List.of("etc/systemd/system.attached", "run/systemd/system.attached")) {
            Path dir = root.resolve(attached);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".#")) {
                        continue; // hidden: systemd never loads it
                    }
                    if (name.endsWith(".d")) {
                        assertDropInsComplete(entry, when);
                        continue;
                    }
                    UnitName unit = UnitName.parse(name);
                    String content = Files.readString(entry);
                    String version = content.substring(content.indexOf("version ") + 8, content.indexOf("version ") + 9);
                    Path portable = dir.resolve(name + ".d/20-portable.conf");
                    assertTrue(Files.isRegularFile(portable, LinkOption.NOFOLLOW_LINKS),
                            when + ": " + name + " without 20-portable.conf");
                    String dropIn = Files.readString(portable);
                    assertTrue(dropIn.startsWith("# Drop-in created for image '") && dropIn.contains("app_" + version + "'"),
                            when + ": " + name + " is version " + version + " but its drop-in says " + dropIn);
                    if (unit.type() == dev.portajava.name.UnitType.SERVICE) {
                        assertTrue(dropIn.endsWith("LogExtraFields=PORTABLE=app_" + version + "\n"), when + ": " + dropIn);
                        // a link to the profile names it as the host sees it: resolved in this tree, not on this machine
                        assertTrue(TestTrees.isRegularFile(root, "/" + attached + "/" + name + ".d/10-profile.conf"),
                                when + ": " + name + " without its profile");
                    }
                }
            }
        }
    }

    private static void assertDropInsComplete(Path dropIns, String when) throws IOException {
        try (Stream<Path> entries = Files.list(dropIns)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".#")) {
                    assertTrue(!name.endsWith(".conf"), when + ": temporary " + name + " would be read as a drop-in");
                } else if (!name.equals("10-profile.conf") && !name.equals("20-portable.conf")) {
                    fail(when + ": unexpected " + entry);
                }
            }
        }
    }
}
