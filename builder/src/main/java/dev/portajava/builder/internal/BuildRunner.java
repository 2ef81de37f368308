package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.Engine;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.ImageKind;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.layer.ExtendedImage;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidOutputException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.builder.VerityOptions;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.SigningKey;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageFile.Sidecar;
import dev.portajava.name.ImageName;
import dev.portajava.name.UnitName;
import dev.portajava.oci.CacheSession;
import dev.portajava.work.FileTrees;
import dev.portajava.work.WorkDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import dev.portajava.digest.Sha256;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs the build steps, which make the image's plan in memory, writes the image from it next to the output and moves
 * it into place only when everything succeeded. Everything temporary is in one hidden work directory next to the output
 * ({@code .NAME.portajava-*}), removed on any failure and when the JVM is stopped; a build killed outright leaves it
 * to the next build in that directory, which removes it (its lock tells it from the work of a running build).
 */
public final class BuildRunner {

    private static final String WORK = ".portajava-";

    private BuildRunner() {
    }

    public static BuiltImage run(Path specFile, ImageSpec spec, ImageFormat format, RawImageOptions raw,
            VerityOptions verity, BaseImageOptions baseOptions, Optional<Path> extendedPath, Path output,
            boolean force, long epoch, Consumer<BuildEvent> listener) throws PortajavaException {
        Path target = output.toAbsolutePath().normalize();
        List<Path> inputs = new ArrayList<>(BuildInputs.of(specFile, spec, verity, baseOptions));
        extendedPath.ifPresent(path -> inputs.add(path.toAbsolutePath().normalize()));
        OutputGuard.check(output, target, force, inputs);
        // a key that cannot be used stops the build before anything is written
        Optional<SigningKey> key = verity.signed()
                ? Optional.of(SigningKey.load(verity.key().orElseThrow(), verity.certificate().orElseThrow()))
                : Optional.empty();
        ImageWriter writer = writer(format, raw, verity, key);
        for (Path stale : WorkDirectory.sweep(target.getParent(), BuildRunner::isWorkDirectory)) {
            listener.accept(new BuildEvent("clean", "removed " + stale + ", left by a build that was stopped"));
        }
        CacheSession cache = null;
        WorkDirectory work = null;
        Optional<ExtendedImage> extended = Optional.empty();
        try {
            if (extendedPath.isPresent()) {
                extended = Optional.of(openExtended(extendedPath.get()));
            }
            // fetched and unpacked into the cache before anything is written next to the output
            Optional<BaseImage> baseImage = Optional.empty();
            if (spec.base().isPresent()) {
                cache = CacheSession.open(baseOptions.cache());
                baseImage = Optional.of(BaseImagePull.pull(BuildContext.directoryOf(specFile), spec.base().get(),
                        baseOptions.withCache(cache.directory()), listener));
            }
            work = createWork(target);
            return build(new Build(specFile, spec, format, verity, target, force, epoch, listener, inputs), writer,
                    baseImage, extended, work);
        } catch (PortajavaException | RuntimeException e) {
            if (work != null && work.interrupted() || cache != null && cache.interrupted()) {
                throw new ImageBuildException(target + ": the build was stopped; nothing was written", e);
            }
            throw e;
        } finally {
            if (work != null) {
                work.close();
            }
            if (cache != null) {
                cache.close();
            }
            if (extended.isPresent()) {
                try {
                    extended.get().close();
                } catch (IOException e) {
                    // only read from
                }
            }
        }
    }

    /** The image {@code --base} names, or the one line saying why it is none. */
    private static ExtendedImage openExtended(Path path) throws InvalidSpecException {
        try {
            return ExtendedImage.open(path);
        } catch (ExtendedImage.NotAnImageException e) {
            throw new InvalidSpecException(path, "not an image for --base: " + e.getMessage());
        }
    }

    /** What one build writes, where, and from what. */
    private record Build(Path specFile, ImageSpec spec, ImageFormat format, VerityOptions verity, Path target,
            boolean force, long epoch, Consumer<BuildEvent> listener, List<Path> inputs) {
    }

    private static BuiltImage build(Build b, ImageWriter writer, Optional<BaseImage> baseImage,
            Optional<ExtendedImage> extended, WorkDirectory work) throws PortajavaException {
        Path temporary = work.path().resolve("image");
        try {
            List<UnitName> units = new ArrayList<>();
            BuildContext context = new BuildContext(b.specFile(), b.spec(), new BuildPlan(b.epoch()), b.target(),
                    b.listener(), baseImage, extended, Optional.empty());
            List<BuildStep> steps = new ArrayList<>();
            baseImage.ifPresent(base -> steps.add(new BaseImageStep(base)));
            steps.addAll(List.of(new StageTreeStep(), new ConfigUnitStep(), new UnitsStep(units)));
            // an extension takes its os-release and mount points from the base it is laid over
            steps.addAll(b.spec().image().kind() == ImageKind.EXTENSION
                    ? List.of(new ExtensionReleaseStep(), new ExecCheckStep())
                    : List.of(new ExecCheckStep(), new OsReleaseStep(), new MountPointsStep()));
            for (BuildStep step : steps) {
                step.run(context);
            }
            ImageWriter.WrittenImage written = writer.write(context, context.plan().build(), temporary);
            // hashed once, as it will be moved into place (a writer may still change the file after its file
            // system), and synced to disk then: the writers leave that to the one rename that needs it
            Optional<String> sha256 = b.format() == ImageFormat.DIRECTORY ? Optional.empty()
                    : Optional.of(syncAndHash(temporary));
            OptionalLong bytes = b.format() == ImageFormat.DIRECTORY ? OptionalLong.empty()
                    : OptionalLong.of(Files.size(temporary));
            List<Path> sidecars = new ArrayList<>();
            for (Map.Entry<Path, Sidecar> sidecar : written.sidecars().entrySet()) {
                Path final_ = ImageFile.sidecar(b.target(), sidecar.getValue());
                if (Files.exists(final_, LinkOption.NOFOLLOW_LINKS)) {
                    if (!b.force()) {
                        throw InvalidOutputException.exists(final_);
                    }
                    OutputGuard.checkSidecar(final_, b.inputs());
                }
                sidecars.add(final_);
            }
            moveIntoPlace(temporary, b.target(), b.force(), work.path());
            for (Map.Entry<Path, Sidecar> sidecar : written.sidecars().entrySet()) {
                Files.move(sidecar.getKey(), ImageFile.sidecar(b.target(), sidecar.getValue()),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            b.listener().accept(new BuildEvent("done", "wrote " + b.target()));
            return new BuiltImage(b.target(), b.format(), new ImageName(b.spec().image().name()),
                    units.stream().distinct().toList(), bytes, sha256, written.rootHash(), sidecars);
        } catch (IOException e) {
            throw new OutputWriteException(b.target(), "cannot write the image: " + reason(e), e);
        }
    }

    /** The work directory of a build of {@code target}: {@code .NAME.portajava-RANDOM} next to it. */
    private static WorkDirectory createWork(Path target) throws OutputWriteException {
        try {
            return WorkDirectory.create(target.getParent(), "." + target.getFileName() + WORK, true);
        } catch (IOException e) {
            throw new OutputWriteException(target, "cannot create a temporary directory next to it: " + reason(e), e);
        }
    }

    /** Whether a name in the output's directory is that of a build's work directory (or temporary). */
    static boolean isWorkDirectory(String name) {
        return name.startsWith(".") && name.indexOf(WORK, 1) > 0;
    }

    /** What went wrong, without the (hidden, temporary) path the JDK puts first. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ImageWriter writer(ImageFormat format, RawImageOptions raw, VerityOptions verity,
            Optional<SigningKey> key) {
        return switch (format) {
            case DIRECTORY -> PhasedWriter.of(new DirectoryWriter(), BuildPhase.WRITE);
            case SQUASHFS -> verity.sidecars() ? verity(new VeritySidecarWriter(verityFileSystem(raw, 0), key))
                    : PhasedWriter.of(raw.engine() == Engine.MKSQUASHFS ? new MksquashfsWriter(raw)
                            : new JavaSquashfsWriter(raw), BuildPhase.WRITE);
            // the file system is written straight into the root partition, and hashed as it is written
            case DDI -> verity(new DdiWriter(verityFileSystem(raw, DiskImageWriter.ROOT_OFFSET),
                    verity.architecture(), key, verity.sidecars()));
        };
    }

    /**
     * The writer of a verity image's file system, {@code offset} bytes into its output: portajava's shows its
     * writes, so that the hash tree's first level is made as it writes; mksquashfs's cannot.
     */
    private static FileSystemWriter verityFileSystem(RawImageOptions raw, long offset) {
        return raw.engine() == Engine.MKSQUASHFS ? FileSystemWriter.unobserved(new MksquashfsWriter(raw, offset))
                : new JavaSquashfsWriter(raw, offset).observed();
    }

    /** A writer that hashes what its file system's writer wrote, reported as a phase of its own. */
    private static ImageWriter verity(ImageWriter writer) {
        return PhasedWriter.after(BuildPhase.WRITE, writer, BuildPhase.VERITY);
    }

    private static void moveIntoPlace(Path temporary, Path target, boolean force, Path work)
            throws PortajavaException, IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException e) {
                if (!force) {
                    throw InvalidOutputException.exists(target);
                }
            }
        }
        if (!force) {
            throw InvalidOutputException.exists(target);
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(temporary, LinkOption.NOFOLLOW_LINKS)) {
            // a rename cannot replace a directory, nor put one in place of a file: move the old output aside into
            // the work directory, which is then removed with it
            Files.move(target, work.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The SHA-256 of an image file, in hex, read in large chunks while another thread forces the file to disk: the
     * image is durable before it is renamed into place.
     */
    static String syncAndHash(Path file) throws IOException, ImageBuildException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CompletableFuture<Void> sync = CompletableFuture.runAsync(() -> {
                try {
                    channel.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "portajava-sync");
                thread.setDaemon(true);
                thread.start();
            });
            String sha256;
            try {
                sha256 = Sha256.hex(channel);
            } finally {
                try {
                    sync.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    throw e;
                }
            }
            return sha256;
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            FileTrees.delete(path);
        } catch (IOException e) {
            // best effort: the path is a hidden temporary next to the output
        }
    }
}
