package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds hold the cache while they run: what a killed build left is removed by the next build that has the cache to
 * itself, a running build's temporaries are never touched, and pruning waits for no build: it refuses.
 */
class CacheSessionTest {

    @TempDir
    Path temp;

    private CacheDirectory cache;

    @BeforeEach
    void cache() {
        cache = new CacheDirectory(temp.resolve("portajava"));
    }

    @Test
    void open_whenAnotherBuildHoldsTheCache_leavesItsTemporaries_andRemovesThemOnceThatBuildIsKilled()
            throws Exception {
        Process other = hold(cache);
        try {
            Path partial = Path.of(new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            assertTrue(Files.isRegularFile(partial));

            try (CacheSession session = CacheSession.open(cache)) {
                assertTrue(Files.isRegularFile(partial), "a running build's download is left alone");
                assertTrue(Files.isDirectory(session.directory().tmp()));
            }
            assertTrue(Files.isRegularFile(partial));

            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: nothing cleaned up
            assertTrue(Files.isRegularFile(partial), "a killed build cannot clean up");

            try (CacheSession session = CacheSession.open(cache)) {
                assertEquals(List.of(session.directory().tmp()), list(cache.temporaries()));
            }
            assertEquals(List.of(), list(cache.temporaries()));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void open_removesWhatKilledBuildsLeft_andKeepsTheCache() throws Exception {
        Path layer = write(cache.temporaries().resolve("layer-0123456789ab-42/content/part"));
        Path blob = write(cache.temporaries().resolve("blob-7.part"));
        Path entry = write(cache.squashfsBlocks().resolve("ab".repeat(32)));
        Path unfinished = write(cache.squashfsBlocks().resolve("abababababababab-99.tmp"));
        Path file = write(cache.files().resolve("cd".repeat(32)));

        try (CacheSession session = CacheSession.open(cache)) {
            assertFalse(Files.exists(layer.getParent().getParent()));
            assertFalse(Files.exists(blob));
            assertFalse(Files.exists(unfinished));
            assertTrue(Files.exists(entry) && Files.exists(file));
        }
    }

    @Test
    void close_removesTheSessionsTemporaries() throws Exception {
        Path tmp;
        try (CacheSession session = CacheSession.open(cache)) {
            tmp = session.directory().tmp();
            write(tmp.resolve("layer-x/content/part"));
        }
        assertFalse(Files.exists(tmp));
    }

    @Test
    void prune_whenAnotherBuildHoldsTheCache_refusesAndRemovesNothing() throws Exception {
        Path checkout = write(cache.checkouts().resolve("cd".repeat(32) + "-755"));
        Process other = hold(cache);
        try {
            other.getInputStream().read(); // the other build is at work

            SourceUnavailableException e = assertThrows(SourceUnavailableException.class,
                    () -> CacheSession.prune(cache, true));

            assertEquals("cache " + cache.root() + " is in use by a running build; try again when it has finished",
                    e.getMessage());
            assertTrue(Files.exists(checkout));
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void prune_whenABuildOfThisProcessHoldsTheCache_refuses() throws Exception {
        try (CacheSession session = CacheSession.open(cache)) {
            assertThrows(SourceUnavailableException.class, () -> CacheSession.prune(cache, false));
        }
    }

    @Test
    void prune_removesTheCopiesThatOnlySpeedBuildsUp_andWithAllEverything() throws Exception {
        write(cache.blobs().resolve("01".repeat(32)), 100);
        write(cache.layers().resolve("02".repeat(32)).resolve("index"), 20);
        write(cache.files().resolve("03".repeat(32)), 300);
        write(cache.checkouts().resolve("03".repeat(32) + "-755"), 300);
        write(cache.squashfsBlocks().resolve("04".repeat(32)), 50);
        write(cache.temporaries().resolve("layer-x/content/part"), 7);

        CacheSession.Pruned pruned = CacheSession.prune(cache, false);

        assertEquals(Map.of("blobs", 100L, "layers", 20L, "files", 300L, "checkouts", 300L, "squashfs-blocks", 50L,
                "tmp", 7L), pruned.before().parts());
        assertEquals(Map.of("blobs", 100L, "layers", 20L, "files", 300L, "checkouts", 0L, "squashfs-blocks", 0L,
                "tmp", 0L), pruned.after().parts());
        assertEquals(420, CacheUsage.of(cache).total());

        CacheSession.Pruned all = CacheSession.prune(cache, true);

        assertEquals(0, all.after().total());
        assertEquals(List.of(cache.lock()), list(cache.root()), "only the lock file is left");
    }

    /** A JVM of its own that opens a session on {@code cache}, downloads half a blob, prints its path and waits. */
    private static Process hold(CacheDirectory cache) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), cache.root().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Path write(Path file) throws IOException {
        return write(file, 1);
    }

    private static Path write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[size]);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    /** A build at work: it holds the cache and has half a blob among its temporaries. */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            CacheSession session = CacheSession.open(new CacheDirectory(Path.of(args[0])));
            Path partial = Files.writeString(session.directory().tmp().resolve("blob-1.part"), "half a blob");
            System.out.println(partial);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
