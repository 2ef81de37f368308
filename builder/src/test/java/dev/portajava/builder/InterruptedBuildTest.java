package dev.portajava.builder;

import static dev.portajava.builder.OciLayoutFixture.Entry.file;
import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portajava.builder.internal.launch.TestElf;
import dev.portajava.oci.CacheDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds stopped half-way, in a JVM of their own: by SIGTERM or SIGINT they remove their temporaries themselves; killed
 * outright (SIGKILL), they leave them to the next build, which removes them, and never those of a build still running.
 */
class InterruptedBuildTest {

    /** A spec with a tree big enough that its build lasts a few seconds: 48 MB that do not compress. */
    @TempDir
    static Path big;

    @TempDir
    Path temp;

    private Path out;

    @BeforeAll
    static void bigTree() throws IOException {
        helloDir(big, """
                [[copy]]
                from = "data"
                to = "/srv/data"
                """);
        // random bytes of 64 values: the compressor works on every block, so the build lasts long enough to be
        // stopped (the writer stores a block of random bytes of all 256 values without compressing it)
        Random random = new Random(1);
        byte[] block = new byte[256 * 1024];
        for (int d = 0; d < 12; d++) {
            Path dir = Files.createDirectories(big.resolve("data/d" + d));
            for (int f = 0; f < 16; f++) {
                random.nextBytes(block);
                for (int i = 0; i < block.length; i++) {
                    block[i] &= 0x3F;
                }
                Files.write(dir.resolve("f" + f), block);
            }
        }
    }

    @BeforeEach
    void out() throws IOException {
        out = Files.createDirectory(temp.resolve("out"));
    }

    @Test
    void build_whenStoppedBySigtermWhilePlanning_leavesNothing() throws Exception {
        assertStopLeavesNothing("TERM", false);
    }

    @Test
    void build_whenStoppedBySigintWhilePlanning_leavesNothing() throws Exception {
        assertStopLeavesNothing("INT", false);
    }

    @Test
    void build_whenStoppedBySigtermWhileWriting_leavesNothing() throws Exception {
        assertStopLeavesNothing("TERM", true);
    }

    @Test
    void build_afterABuildWasKilled_removesWhatItLeft() throws Exception {
        Process killed = start(big.toString(), out.resolve("big.raw"), Map.of());
        awaitTemporaries(killed, out);
        killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        List<String> left = names(out);
        assertFalse(left.isEmpty(), "a killed build cannot clean up");

        Path spec = helloDir(Files.createDirectory(temp.resolve("hello")), "");
        ImageBuilder.load(spec).build(out.resolve("hello.raw"));

        assertEquals(List.of("hello.raw"), names(out), "the next build removed " + left);
    }

    @Test
    void build_whileAnotherBuildRunsInTheSameDirectory_leavesItsWork() throws Exception {
        Process running = start(big.toString(), out.resolve("big.raw"), Map.of());
        try {
            List<String> work = awaitTemporaries(running, out);
            Path spec = helloDir(Files.createDirectory(temp.resolve("hello")), "");

            ImageBuilder.load(spec).build(out.resolve("hello.raw"));

            assertTrue(names(out).containsAll(work), "the running build's work is still there: " + names(out));
            assertTrue(running.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, running.exitValue(), "the other build finished");
            assertEquals(List.of("big.raw", "hello.raw"), names(out));
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void build_afterABuildFromAnImageWasKilled_removesItsTemporariesFromTheCache() throws Exception {
        Path layout = bigLayout();
        Path cache = temp.resolve("cache");
        Process killed = start("oci:" + layout, out.resolve("app.raw"), Map.of("XDG_CACHE_HOME", cache.toString()));
        Path tmp = cache.resolve("portajava/tmp");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countFiles(tmp) == 0) {
            if (!killed.isAlive() || System.nanoTime() > deadline) {
                fail("the build never unpacked anything into " + tmp);
            }
            Thread.sleep(20);
        }
        killed.destroyForcibly();
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, countFiles(tmp), "a killed build cannot clean up");

        ImageBuilder.fromImage("oci:" + layout, "app", "1.0", false)
                .withBaseImageOptions(new BaseImageOptions(new CacheDirectory(cache.resolve("portajava")), "amd64",
                        Set.of(), Optional.empty()))
                .build(out.resolve("app.raw"));

        assertEquals(0, countFiles(tmp), "the next build removed what the killed one left in the cache");
        assertEquals(List.of("app.raw"), names(out));
    }

    /**
     * Starts a build of the big tree and stops it with {@code signal} as soon as it has a work directory, or, when
     * {@code writing}, as soon as the image it writes has its first bytes.
     */
    private void assertStopLeavesNothing(String signal, boolean writing) throws Exception {
        Process build = start(big.toString(), out.resolve("big.raw"), Map.of());
        List<String> work = awaitTemporaries(build, out);
        if (writing) {
            awaitImageBytes(build, work.stream().map(out::resolve).toList());
        }
        if (!build.isAlive()) {
            fail("the build finished before it could be stopped");
        }
        // bash's own kill: a plain Debian has no kill program (procps), and Java sends no SIGINT
        Process kill = new ProcessBuilder("bash", "-c", "kill -" + signal + " " + build.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(build.waitFor(60, TimeUnit.SECONDS), "the build stopped");

        assertNotEquals(0, build.exitValue(), "stopped, not finished");
        assertEquals(List.of(), names(out), "nothing left next to the output");
    }

    /** Waits until the build has locked its work directory in {@code dir}; the names of the temporaries there. */
    private static List<String> awaitTemporaries(Process build, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> names = names(dir).stream().filter(n -> n.startsWith(".")).toList();
            if (names.stream().anyMatch(n -> n.contains(".portajava-") && hasBytes(dir.resolve(n).resolve("lock")))) {
                return names;
            }
            if (!build.isAlive() || System.nanoTime() > deadline) {
                fail("the build never began to write next to its output");
            }
            Thread.sleep(10);
        }
    }

    /** Waits until one of the work directories {@code work} holds an image with bytes in it. */
    private static void awaitImageBytes(Process build, List<Path> work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (work.stream().map(w -> w.resolve("image")).noneMatch(InterruptedBuildTest::hasBytes)) {
            if (!build.isAlive() || System.nanoTime() > deadline) {
                fail("the build never began to write its image in " + work);
            }
            Thread.sleep(5);
        }
    }

    private static boolean hasBytes(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A build in a JVM of its own, with SIGINT and SIGTERM at their defaults (a JVM started from a background job
     * would otherwise inherit an ignored SIGINT).
     */
    private Process start(String source, Path output, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BuildMain.class.getName(), source, output.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("build.log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private Path bigLayout() throws IOException {
        Random random = new Random(2);
        List<OciLayoutFixture.Entry> entries = new ArrayList<>();
        entries.add(file("etc/os-release", 0644, "ID=big\n"));
        entries.add(file("bin/tool", 0755, TestElf.staticProgram().bytes()));
        byte[] chunk = new byte[24 * 1024];
        for (int i = 0; i < 1500; i++) {
            random.nextBytes(chunk);
            entries.add(file("srv/data/f" + i, 0644, java.util.HexFormat.of().formatHex(chunk)));
        }
        return new OciLayoutFixture(Files.createDirectories(temp.resolve("layout")))
                .layer(entries.toArray(OciLayoutFixture.Entry[]::new))
                .write(Map.of("Cmd", List.of("/bin/tool")));
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    /** {@code portajava build}, without the command line: a spec directory or {@code oci:…}, and the output. */
    static final class BuildMain {
        public static void main(String[] args) throws Exception {
            ImageBuilder plan = args[0].startsWith("oci:")
                    ? ImageBuilder.fromImage(args[0], "app", "1.0", false)
                    : ImageBuilder.load(Path.of(args[0]));
            plan.withListener(event -> System.err.println(event.step() + ": " + event.message()))
                    .build(Path.of(args[1]));
        }
    }
}
