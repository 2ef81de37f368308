package dev.portajava.maven;

import dev.portajava.jvm.RuntimeCache;
import dev.portajava.jvm.StartupArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lays an application in an image's root tree, under {@code /usr/lib/NAME}: the dependencies' jars in {@code lib/},
 * the project's jar in {@code app/}, and the start-up archive {@code NAME.jsa}.
 */
final class AppLayout {

    private AppLayout() {
    }

    /** Copies the jars to {@code lib/} and {@code app/}; returns the class path, relative to the image's root. */
    static List<String> placeJars(ServiceImage image, Path root) throws IOException {
        Path home = root.resolve(image.home().substring(1));
        List<String> classPath = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (Path jar : image.dependencies()) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                name = names.size() + "-" + name;
                names.add(name);
            }
            Files.copy(jar, lib.resolve(name));
            classPath.add(image.home().substring(1) + "/lib/" + name);
        }
        Path app = Files.createDirectories(home.resolve("app"));
        Files.copy(image.application(), app.resolve(image.application().getFileName()));
        classPath.add(image.home().substring(1) + "/app/" + image.application().getFileName());
        return classPath;
    }

    /**
     * Trains the main class in {@code root} (its working directory, the class path relative to it) with
     * {@code java}, dumps the start-up archive (or takes it from the cache) and puts it at
     * {@code /usr/lib/NAME/NAME.jsa}; the tree's files get the image's time again.
     *
     * @param java the runtime's {@code java}: in {@code root}, or in another tree when the runtime is a base image
     *     of its own (the archive checks the runtime's modules by their size, wherever they lie)
     */
    static void archive(ServiceImage image, Path root, Path java, List<String> classPath, RuntimeCache cache,
            Path work, int seconds, Consumer<String> log) throws IOException, InterruptedException {
        Path training = Files.createDirectories(work.resolve("training"));
        StartupArchive startup = new StartupArchive(root, java.toAbsolutePath().toString(), classPath,
                image.mainClass(), image.jvmFlags(), image.environment());
        List<String> classes = startup.train(training, seconds);
        Files.copy(startup.dump(classes, cache, training),
                root.resolve(image.home().substring(1)).resolve(image.name() + ".jsa"));
        Trees.touch(root, image.epoch());
        log.accept("start-up archive of " + classes.size() + " classes");
    }
}
