package dev.portajava.maven;

import dev.portajava.jvm.JavaRuntime;
import dev.portajava.jvm.JdepsException;
import dev.portajava.jvm.RuntimeCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Lays a Java runtime in an image's root tree: the runtime of the JDK modules an application's jars need, linked
 * from the JDK that runs the build (or taken from the cache), and the C libraries of the build host it needs.
 */
final class RuntimeLayout {

    private RuntimeLayout() {
    }

    /**
     * Lays the runtime {@code jars} need at {@code home} (an absolute path in the image) under {@code root}, and the
     * host libraries (found under {@code host}) at their place under {@code root}; returns its modules.
     *
     * @throws JdepsException if jdeps cannot tell the modules of a jar
     */
    static String lay(RuntimeCache cache, Path host, List<Path> jars, Path root, String home) throws IOException,
            JdepsException {
        String modules = JavaRuntime.modules(jars.toArray(Path[]::new));
        Path runtime = root.resolve(home.substring(1));
        Files.createDirectories(runtime.getParent());
        Trees.copy(cache.runtime(modules), runtime);
        for (Map.Entry<String, Path> library : new HostLibraries(host).neededBy(runtime).entrySet()) {
            Path target = root.resolve(library.getKey().substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(library.getValue(), target);
        }
        return modules;
    }
}
