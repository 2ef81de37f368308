package dev.portajava.maven;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageSpec;
import dev.portajava.jvm.RuntimeCache;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link ServiceImage} with a shared runtime: the runtime as a base image of its own ({@link RuntimeImage},
 * named by its content) and the application as an extension image of it, both in one directory. The extension
 * holds {@code /usr/lib/NAME} (jars, start-up archive) and the unit, which runs the base's {@code java}; it holds
 * no runtime and no C library.
 *
 * <p>The start-up archive works as with a bundled runtime: it depends on the application's class path, so it is
 * the extension's, and it is trained and dumped with the base's runtime in a tree of its own; JDK 17 checks the
 * runtime's {@code lib/modules} by its size (a JDK may be moved), the jars by their relative paths, sizes and times,
 * which the service sees unchanged with the extension laid over the base.
 *
 * @param cache where runtimes and start-up archives are kept between builds
 * @param work a directory of the build's own, emptied first
 * @param host the root the runtime's C libraries are taken from: {@code /}
 * @param training how many seconds the start-up archive's training run may take: at least 1
 */
public record SharedImageBuild(RuntimeCache cache, Path work, Path host, int training) {

    public SharedImageBuild {
        ServiceImageBuild.checkTraining(training);
    }

    /** The two images a build writes: the runtime (the base) and the application (its extension). */
    public record Images(BuiltImage runtime, BuiltImage application) {
    }

    /** Builds both images into {@code directory}, the runtime's under its own name, replacing what is there. */
    public Images build(ServiceImage image, Optional<Path> projectSpec, Path directory, Consumer<String> log)
            throws PortajavaException {
        if (image.name().equals(RuntimeImage.NAME)) {
            throw new ServiceImageException(image.name() + ": is the shared runtime's name; name the application"
                    + " otherwise", null);
        }
        MainClassCheck.require(image);
        Optional<ImageSpec> extra = ProjectSpec.read(projectSpec, image);
        if (extra.isPresent() && ProjectSpec.setsImageFields(extra.get())) {
            log.accept(projectSpec.get() + ": its [os-release] and [health] are left out: with a shared runtime the"
                    + " application is an extension image, which has neither");
        }
        extra = extra.map(ProjectSpec::forExtension);
        Path runtimeRoot = work.resolve("runtime");
        Path root = work.resolve("root");
        RuntimeLayout laid;
        RuntimeImage runtime;
        List<String> classPath;
        try {
            FileTrees.delete(work);
            laid = RuntimeLayout.lay(cache, host, image.dependencies(), image.application(), runtimeRoot,
                    RuntimeImage.HOME);
            runtime = RuntimeImage.of(runtimeRoot, laid, image.format(), image.raw());
            log.accept("runtime of " + laid.modules() + ": " + runtime.fileName(image.format()));
            classPath = AppLayout.placeJars(image, root);
            Trees.touch(root, image.epoch());
            if (image.startupArchive()) {
                AppLayout.archive(image, root, laid.java(), classPath, cache, work, training, log);
            }
        } catch (IOException e) {
            throw new ServiceImageException(image.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceImageException(image.name() + ": interrupted", e);
        }
        Path runtimeSpec = work.resolve("runtime-spec");
        ServiceImageBuild.write(image, runtimeSpec, RuntimeImage.UNIT, runtime.unitText(),
                runtime.specText(runtimeRoot, laid), Optional.empty());
        BuiltImage base = ImageBuilder.load(runtimeSpec).withFormat(image.format()).withRawImage(image.raw())
                .withBlockStore(cache.blocks()).withEpoch(runtime.epoch()).withForce(true)
                .build(directory.resolve(runtime.fileName(image.format())));

        String unit = image.name() + ".service";
        Path spec = work.resolve("spec");
        List<SpecText.Tree> trees = new ArrayList<>(List.of(SpecText.Tree.toRoot(root)));
        trees.addAll(SpecText.toRoot(image.extraDirectories()));
        ServiceImageBuild.write(image, spec, unit, ServiceUnit.text(image, RuntimeImage.JAVA, classPath,
                image.startupArchive(), true), SpecText.extension(image, unit, trees, runtime), extra);
        BuiltImage application = ImageBuilder.load(spec).withFormat(image.format()).withRawImage(image.raw())
                .withBlockStore(cache.blocks()).withEpoch(image.epoch()).withForce(true).withExtendedImage(base.path())
                .build(directory.resolve(image.fileName()));
        return new Images(base, application);
    }
}
