package dev.portajava.maven;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.jvm.RuntimeCache;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link ServiceImage} with its runtime bundled: lays its root tree in a work directory (the host libraries
 * the runtime needs, the application's {@link AppLayout}), writes the unit and the spec, which copies that tree and
 * the runtime, from the cache, to {@code /usr/lib/NAME/runtime}, and has the builder make the image from them. Its
 * main class is looked for in its class path, and the project's spec read, before anything is written.
 *
 * @param cache where runtimes, start-up archives and the images' compressed blocks are kept between builds
 * @param work a directory of the build's own, emptied first
 * @param host the root the runtime's C libraries are taken from: {@code /}
 * @param training how many seconds the start-up archive's training run may take: at least 1
 */
public record ServiceImageBuild(RuntimeCache cache, Path work, Path host, int training) {

    public ServiceImageBuild {
        checkTraining(training);
    }

    /** Refuses a training time that is not a positive number of seconds, naming the parameter. */
    static void checkTraining(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("trainingSeconds " + seconds + " is not a positive number of seconds");
        }
    }

    public BuiltImage build(ServiceImage image, Path output, Consumer<String> log) throws PortajavaException {
        return build(image, Optional.empty(), output, log);
    }

    /**
     * Builds {@code image} with the content of {@code projectSpec}, the project's {@code portable.toml}, if it has
     * one ({@link ProjectSpec}): it is read and checked before anything is written.
     */
    public BuiltImage build(ServiceImage image, Optional<Path> projectSpec, Path output, Consumer<String> log)
            throws PortajavaException {
        MainClassCheck.require(image);
        Optional<ImageSpec> extra = ProjectSpec.read(projectSpec, image);
        Path root = work.resolve("root");
        String java = image.home() + "/runtime/bin/java";
        List<String> classPath;
        RuntimeLayout runtime;
        try {
            FileTrees.delete(work);
            runtime = RuntimeLayout.lay(cache, host, image.dependencies(), image.application(), root,
                    image.home() + "/runtime");
            log.accept("runtime of " + runtime.modules());
            classPath = AppLayout.placeJars(image, root);
            Trees.touch(root, image.epoch());
            if (image.startupArchive()) {
                AppLayout.archive(image, root, runtime.java(), classPath, cache, work, training, log);
            }
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceImageException(image.name() + ": interrupted", e);
        }
        String unit = image.name() + ".service";
        Path spec = work.resolve("spec");
        // the runtime is copied from the cache, where it is never changed, not laid in the work tree first
        List<SpecText.Tree> trees = new ArrayList<>(List.of(SpecText.Tree.toRoot(root), runtime.copy()));
        trees.addAll(SpecText.toRoot(image.extraDirectories()));
        write(image, spec, unit, ServiceUnit.text(image, java, classPath, image.startupArchive(), false),
                SpecText.of(image, unit, trees), extra);
        return ImageBuilder.load(spec).withFormat(image.format()).withRawImage(image.raw())
                .withBlockStore(cache.blocks()).withEpoch(image.epoch()).withForce(true).build(output);
    }

    /**
     * Writes a spec directory: the unit and {@code portable.toml}, with the content of the project's own spec
     * {@code extra}, if any, laid after the plugin's.
     */
    static void write(ServiceImage image, Path spec, String unit, String unitText, String specText,
            Optional<ImageSpec> extra) throws ServiceImageException, InvalidSpecException {
        Path file = spec.resolve(SpecLoader.SPEC_FILE_NAME);
        try {
            Files.createDirectories(spec);
            Files.writeString(spec.resolve(unit), unitText);
            String text = specText;
            if (extra.isPresent()) {
                text = SpecLoader.write(ProjectSpec.merged(SpecLoader.read(file, text.getBytes(StandardCharsets.UTF_8)),
                        extra.get()));
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": cannot write the spec in " + spec + ": " + e.getMessage(),
                    e);
        }
    }
}
