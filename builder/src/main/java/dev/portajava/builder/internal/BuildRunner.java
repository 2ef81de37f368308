package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.Engine;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidOutputException;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.builder.VerityOptions;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.SigningKey;
import dev.portajava.name.ImageName;
import dev.portajava.name.UnitName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;

/**
 * Runs the build steps into a staging directory next to the output, writes the image to a temporary sibling and
 * moves it into place only when everything succeeded. On any failure, or if the JVM is stopped, the staging
 * directory and the temporary image are deleted: a failed build leaves nothing behind.
 */
public final class BuildRunner {

    private BuildRunner() {
    }

    public static BuiltImage run(Path specFile, ImageSpec spec, ImageFormat format, RawImageOptions raw,
            VerityOptions verity, BaseImageOptions baseOptions, Path output,
            boolean force, long epoch, Consumer<BuildEvent> listener) throws PortajavaException {
        Path target = output.toAbsolutePath().normalize();
        List<Path> inputs = BuildInputs.of(specFile, spec, verity, baseOptions);
        OutputGuard.check(output, target, force, inputs);
        Path parent = target.getParent();
        // a key that cannot be used stops the build before anything is written
        Optional<SigningKey> key = verity.signed()
                ? Optional.of(SigningKey.load(verity.key().orElseThrow(), verity.certificate().orElseThrow()))
                : Optional.empty();
        ImageWriter writer = writer(format, raw, verity, key);
        // fetched and unpacked into the cache before anything is written next to the output
        Optional<BaseImage> baseImage = spec.base().isPresent()
                ? Optional.of(BaseImagePull.pull(BuildContext.directoryOf(specFile), spec.base().get(), baseOptions,
                        format != ImageFormat.DIRECTORY, listener))
                : Optional.empty();
        String base = "." + target.getFileName() + ".portajava-";
        Path staging = null;
        Path temporary = null;
        Thread cleanup = null;
        ImageWriter.WrittenImage written = null;
        try {
            staging = Files.createTempDirectory(parent, base + "staging-");
            temporary = parent.resolve(staging.getFileName().toString().replace("-staging-", "-image-"));
            cleanup = cleanupHook(staging, temporary);
            List<UnitName> units = new ArrayList<>();
            BuildContext context = new BuildContext(specFile, spec, new StagingTree(staging), epoch, listener,
                    baseImage);
            List<BuildStep> steps = new ArrayList<>();
            baseImage.ifPresent(b -> steps.add(new BaseImageStep(b)));
            steps.addAll(List.of(new StageTreeStep(), new ConfigUnitStep(), new UnitsStep(units), new ExecCheckStep(),
                    new OsReleaseStep(), new MountPointsStep(), new NormalizeStep()));
            for (BuildStep step : steps) {
                step.run(context);
            }
            written = writer.write(context, staging, temporary);
            // hashed once, as it will be moved into place: a writer may still change the file after its file system
            Optional<String> sha256 = format == ImageFormat.DIRECTORY ? Optional.empty() : Optional.of(sha256(temporary));
            List<Path> sidecars = new ArrayList<>();
            for (Map.Entry<Path, String> sidecar : written.sidecars().entrySet()) {
                Path final_ = sidecarPath(target, sidecar.getValue());
                if (Files.exists(final_, LinkOption.NOFOLLOW_LINKS)) {
                    if (!force) {
                        throw InvalidOutputException.exists(final_);
                    }
                    OutputGuard.checkSidecar(final_, inputs);
                }
                sidecars.add(final_);
            }
            moveIntoPlace(temporary, target, force);
            for (Map.Entry<Path, String> sidecar : written.sidecars().entrySet()) {
                Files.move(sidecar.getKey(), sidecarPath(target, sidecar.getValue()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            listener.accept(new BuildEvent("done", "wrote " + target));
            return new BuiltImage(target, format, new ImageName(spec.image().name()),
                    units.stream().distinct().toList(), sha256, written.rootHash(), sidecars);
        } catch (IOException e) {
            throw new ImageBuildException(target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
            deleteQuietly(temporary);
            if (written != null) {
                written.sidecars().keySet().forEach(BuildRunner::deleteQuietly);
            }
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down and the hook is running or has run
                }
            }
        }
    }

    private static ImageWriter writer(ImageFormat format, RawImageOptions raw, VerityOptions verity,
            Optional<SigningKey> key) {
        ImageWriter squashfs = raw.engine() == Engine.MKSQUASHFS ? new MksquashfsWriter(raw) : new JavaSquashfsWriter(raw);
        return switch (format) {
            case DIRECTORY -> new DirectoryWriter();
            case SQUASHFS -> verity.sidecars() ? new VeritySidecarWriter(squashfs, key) : squashfs;
            // mksquashfs writes straight into the root partition; the Java writer's image is copied there
            case DDI -> raw.engine() == Engine.MKSQUASHFS
                    ? DdiWriter.inPlace(new MksquashfsWriter(raw, DiskImageWriter.ROOT_OFFSET), verity.architecture(),
                            key, verity.sidecars())
                    : DdiWriter.copying(squashfs, verity.architecture(), key, verity.sidecars());
        };
    }

    /** {@code NAME.raw} → {@code NAME} + suffix, as systemd looks for sidecars. */
    private static Path sidecarPath(Path image, String suffix) {
        String name = image.getFileName().toString();
        String base = name.endsWith(".raw") ? name.substring(0, name.length() - 4) : name;
        return image.resolveSibling(base + suffix);
    }

    private static void moveIntoPlace(Path temporary, Path target, boolean force) throws PortajavaException, IOException {
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
            // a rename cannot replace a directory, nor put one in place of a file: move the old output aside
            // first, then delete it
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".portajava-old-");
            Path aside = old.resolve("image");
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(old);
        } else {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Thread cleanupHook(Path staging, Path temporary) {
        Thread hook = new Thread(() -> {
            deleteQuietly(staging);
            deleteQuietly(temporary);
        }, "portajava-build-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The SHA-256 of an image file, in hex. */
    static String sha256(Path file) throws ImageBuildException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ImageBuildException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            PathUtils.delete(path);
        } catch (IOException e) {
            // best effort: the path is a hidden temporary next to the output
        }
    }
}
