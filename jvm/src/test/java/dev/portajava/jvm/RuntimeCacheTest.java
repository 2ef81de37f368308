package dev.portajava.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtimes linked once per JDK and modules, and module lists found once per JDK and jars, under the cache directory
 * given.
 */
class RuntimeCacheTest {

    @Test
    void runtime_askedTwice_isLinkedOnceWithOnlyItsModules(@TempDir Path cache) throws Exception {
        RuntimeCache runtimes = new RuntimeCache(cache);
        Path runtime = runtimes.runtime("java.base");
        Path release = runtime.resolve("release");
        assertTrue(Files.readString(release).contains("MODULES=\"java.base\""), Files.readString(release));
        Files.writeString(runtime.resolve("marker"), "kept");
        assertEquals(runtime, runtimes.runtime("java.base"));
        assertTrue(Files.exists(runtime.resolve("marker")), "not linked again");
        try (Stream<Path> entries = Files.list(runtime.getParent())) {
            assertEquals(1, entries.count(), "nothing partial left beside it");
        }
        assertFalse(Files.exists(runtime.resolve("include")), "no header files");
    }

    @Test
    void modules_ofTheSameLibrariesAndJdkClasses_areTakenFromTheCache(@TempDir Path directory) throws Exception {
        RuntimeCache cache = new RuntimeCache(directory.resolve("cache"));
        Path library = TestJars.write(directory.resolve("library.jar"), "1", TestJars.Logs.class);
        Path app = TestJars.write(directory.resolve("app.jar"), "first build");
        assertEquals("java.base,java.logging", cache.modules(List.of(library), app));
        Path entry;
        try (Stream<Path> entries = Files.list(directory.resolve("cache/modules"))) {
            entry = entries.collect(Collectors.toList()).get(0);
        }
        // what jdeps would not say: seen only if jdeps does not run again
        Files.writeString(entry, "java.base,java.logging,jdk.httpserver\n");
        TestJars.write(app, "the application's code changed, not the JDK classes it names");
        assertEquals("java.base,java.logging,jdk.httpserver", cache.modules(List.of(library), app));

        TestJars.write(app, "it uses java.sql now", TestJars.Sql.class); // which reads java.logging
        assertEquals("java.base,java.sql", cache.modules(List.of(library), app));
        TestJars.write(app, "and no longer");
        TestJars.write(library, "2", TestJars.Logs.class);
        assertEquals("java.base,java.logging", cache.modules(List.of(library), app), "another library: jdeps again");
    }

    @Test
    void modules_cachedAsSomethingElseThanModuleNames_areFoundAgain(@TempDir Path directory) throws Exception {
        RuntimeCache cache = new RuntimeCache(directory.resolve("cache"));
        Path app = TestJars.write(directory.resolve("app.jar"), "", TestJars.Logs.class);
        assertEquals("java.base,java.logging", cache.modules(List.of(), app));
        try (Stream<Path> entries = Files.list(directory.resolve("cache/modules"))) {
            Files.writeString(entries.findFirst().orElseThrow(), "Warning: Path does not exist: /x.jar\n");
        }
        assertEquals("java.base,java.logging", cache.modules(List.of(), app));
    }

    @Test
    void modules_ofAJarThatIsNoJar_isJdepsFailureNamingIt(@TempDir Path directory) throws Exception {
        Path text = Files.writeString(directory.resolve("text.jar"), "not a zip\n");
        JdepsException e = assertThrows(JdepsException.class, () -> new RuntimeCache(directory.resolve("cache"))
                .modules(List.of(text), TestJars.write(directory.resolve("app.jar"), "")));
        assertTrue(e.getMessage().startsWith(text + ": jdeps: "), e.getMessage());
    }
}
