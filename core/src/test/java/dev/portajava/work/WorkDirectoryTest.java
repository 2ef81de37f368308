package dev.portajava.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work directories are removed when their process ends, however it ends, and never while it runs. */
class WorkDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void sweep_leavesTheWorkOfARunningProcess_andRemovesItOnceThatProcessIsKilled() throws Exception {
        Process holder = hold(temp, "interrupted");
        try {
            Path work = Path.of(new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine());
            assertTrue(Files.isRegularFile(work.resolve("partial")), "the other process is at work in " + work);

            assertEquals(List.of(), WorkDirectory.sweep(temp, name -> true));
            assertTrue(Files.isRegularFile(work.resolve("partial")), "a running process's work is left alone");

            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            assertTrue(Files.isRegularFile(work.resolve("partial")), "a killed process cannot clean up");

            assertEquals(List.of(work), WorkDirectory.sweep(temp, name -> true));
            assertFalse(Files.exists(work));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void create_whenTheJvmIsStopped_removesTheDirectory() throws Exception {
        Process holder = hold(temp, "interrupted");
        Path work = Path.of(new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine());
        assertTrue(Files.isDirectory(work));

        holder.destroy(); // SIGTERM
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));

        assertEquals(List.of(), names(temp), "nothing left behind");
    }

    @Test
    void sweep_leavesTheWorkOfThisProcess() throws Exception {
        try (WorkDirectory work = WorkDirectory.create(temp, ".out.portajava-", true)) {
            assertEquals(List.of(), WorkDirectory.sweep(temp, name -> true));
            assertTrue(Files.isDirectory(work.path()));
        }
        assertEquals(List.of(), names(temp), "closing removes it");
    }

    @Test
    void sweep_removesWhatAProcessBeganToRemove_andOnlyNamesItIsGiven() throws Exception {
        Path removing = Files.createDirectories(temp.resolve(".out.portajava-1" + WorkDirectory.REMOVED + "/staging"));
        Path other = Files.createDirectories(temp.resolve("keep" + WorkDirectory.REMOVED));

        WorkDirectory.sweep(temp, name -> name.startsWith(".out.portajava-"));

        assertFalse(Files.exists(removing.getParent()));
        assertTrue(Files.isDirectory(other));
    }

    @Test
    void sweep_withoutLockFile_removesAnEmptyDirectory_andOneWithContentOnlyWhenItIsOld() throws Exception {
        Path empty = Files.createDirectories(temp.resolve(".a.portajava-1"));
        Path young = Files.createDirectories(temp.resolve(".b.raw.portajava-staging-2"));
        Files.writeString(young.resolve("partial"), "x");
        Path old = Files.createDirectories(temp.resolve(".c.raw.portajava-staging-3"));
        Files.writeString(old.resolve("partial"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertEquals(List.of(empty, old), WorkDirectory.sweep(temp, name -> true).stream().sorted().toList());

        assertTrue(Files.isDirectory(young), "an earlier version's build may still be at work");
    }

    @Test
    void sweep_removesTheEmptyLockFileOfAProcessKilledWhileMakingIt() throws Exception {
        Path killed = Files.createDirectories(temp.resolve(".a.portajava-1"));
        Files.createFile(killed.resolve(WorkDirectory.LOCK));

        assertEquals(List.of(killed), WorkDirectory.sweep(temp, name -> true));
    }

    /** A JVM of its own that makes a locked work directory in {@code parent}, prints it, and waits to be stopped. */
    private static Process hold(Path parent, String mode) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), parent.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Holds a work directory until it is stopped. */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            WorkDirectory work = WorkDirectory.create(Path.of(args[0]), ".out.raw.portajava-", true);
            Files.writeString(work.path().resolve("partial"), "half an image");
            System.out.println(work.path());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
