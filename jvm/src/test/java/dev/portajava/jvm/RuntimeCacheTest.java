package dev.portajava.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtimes linked once per JDK and modules, under the cache directory given. */
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
}
