package dev.portajava.maven;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.jvm.JavaRuntime;
import dev.portajava.jvm.RuntimeCache;
import dev.portajava.jvm.StartupArchive;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a {@link ServiceImage}: lays its root tree in a work directory (the runtime, the host libraries it needs,
 * the dependencies' jars in {@code /usr/lib/NAME/lib}, the project's jar in {@code /usr/lib/NAME/app}, the start-up
 * archive), writes the unit and the spec, and has the builder make the image from them.
 *
 * @param cache where runtimes and start-up archives are kept between builds
 * @param work a directory of the build's own, emptied first
 * @param host the root the runtime's C libraries are taken from: {@code /}
 * @param training how many seconds the start-up archive's training run may take
 */
public record ServiceImageBuild(RuntimeCache cache, Path work, Path host, int training) {

    public BuiltImage build(ServiceImage image, Path output, Consumer<String> log) throws PortajavaException {
        return build(image, Optional.empty(), output, log);
    }

    /**
     * Builds {@code image} with the content of {@code projectSpec}, the project's {@code portable.toml}, if it has
     * one ({@link ProjectSpec}): it is read and checked before anything is written.
     */
    public BuiltImage build(ServiceImage image, Optional<Path> projectSpec, Path output, Consumer<String> log)
            throws PortajavaException {
        Optional<ImageSpec> extra = Optional.empty();
        if (projectSpec.isPresent()) {
            extra = Optional.of(ProjectSpec.read(projectSpec.get(), image));
        }
        Path root = work.resolve("root");
        Path home = root.resolve(image.home().substring(1));
        List<String> classPath;
        boolean archive = image.startupArchive();
        try {
            FileTrees.delete(work);
            Files.createDirectories(home);
            List<Path> jars = new ArrayList<>(image.dependencies());
            jars.add(image.application());
            String modules = JavaRuntime.modules(jars.toArray(Path[]::new));
            Trees.copy(cache.runtime(modules), home.resolve("runtime"));
            log.accept("runtime of " + modules);
            classPath = placeJars(image, home);
            for (Map.Entry<String, Path> library : new HostLibraries(host).neededBy(home.resolve("runtime")).entrySet()) {
                Path target = root.resolve(library.getKey().substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(library.getValue(), target);
            }
            Trees.touch(root, image.epoch());
            if (archive) {
                Path training = Files.createDirectories(work.resolve("training"));
                StartupArchive startup = new StartupArchive(root, image.home().substring(1) + "/runtime/bin/java",
                        classPath, image.mainClass(), image.jvmFlags(), image.environment());
                List<String> classes = startup.train(training, this.training);
                Files.copy(startup.dump(classes, cache, training), home.resolve(image.name() + ".jsa"));
                Trees.touch(root, image.epoch());
                log.accept("start-up archive of " + classes.size() + " classes");
            }
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceImageException(image.name() + ": interrupted", e);
        }
        String unit = image.name() + ".service";
        Path spec = work.resolve("spec");
        List<Path> trees = new ArrayList<>(List.of(root));
        trees.addAll(image.extraDirectories());
        try {
            Files.createDirectories(spec);
            Files.writeString(spec.resolve(unit), ServiceUnit.text(image, classPath, archive));
            String text = SpecText.of(image, unit, trees);
            if (extra.isPresent()) {
                Path file = spec.resolve(SpecLoader.SPEC_FILE_NAME);
                text = SpecLoader.write(ProjectSpec.merged(SpecLoader.read(file, text.getBytes(StandardCharsets.UTF_8)),
                        extra.get()));
            }
            Files.writeString(spec.resolve(SpecLoader.SPEC_FILE_NAME), text);
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": cannot write the spec in " + spec + ": " + e.getMessage(),
                    e);
        }
        return ImageBuilder.load(spec).withFormat(image.format()).withRawImage(image.raw()).withEpoch(image.epoch())
                .withForce(true).build(output);
    }

    /** Copies the jars to {@code lib/} and {@code app/}; returns the class path, relative to the image's root. */
    private static List<String> placeJars(ServiceImage image, Path home) throws IOException {
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
}
