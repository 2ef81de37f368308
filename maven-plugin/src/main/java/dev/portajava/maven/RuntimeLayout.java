package dev.portajava.maven;

import dev.portajava.jvm.JdepsException;
import dev.portajava.jvm.RuntimeCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Java runtime laid for an image: the runtime of the JDK modules an application's jars need, linked from the JDK
 * that runs the build (or taken from the cache), which the image's spec copies from the cache to its place, and the
 * C libraries of the build host it needs, laid in the image's root tree.
 *
 * @param modules its JDK modules, comma separated
 * @param tree the runtime in the cache, which the build reads and never changes
 * @param home where the image holds it: an absolute path in the image
 */
record RuntimeLayout(String modules, Path tree, String home) {

    /**
     * Finds the runtime {@code libraries} and {@code application} need, to be at {@code home} in the image, and lays
     * the host libraries it needs (found under {@code host}) at their place under {@code root}, with the directory
     * holding {@code home}.
     *
     * @throws JdepsException if jdeps cannot tell the modules of a jar
     */
    static RuntimeLayout lay(RuntimeCache cache, Path host, List<Path> libraries, Path application, Path root,
            String home) throws IOException, JdepsException {
        String modules = cache.modules(libraries, application);
        Path runtime = cache.runtime(modules);
        Files.createDirectories(root.resolve(home.substring(1)).getParent());
        for (Map.Entry<String, Path> library : new HostLibraries(host).neededBy(runtime).entrySet()) {
            Path target = root.resolve(library.getKey().substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(library.getValue(), target);
        }
        return new RuntimeLayout(modules, runtime, home);
    }

    /** Its {@code java}, to run on the build host. */
    Path java() {
        return tree.resolve("bin/java");
    }

    /** The spec's copy of it to its place. */
    SpecText.Tree copy() {
        return new SpecText.Tree(tree, home);
    }
}
