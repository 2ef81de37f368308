package dev.portajava.builder.internal;

import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.VerityOptions;
import dev.portajava.oci.ImageSource;
import dev.portajava.oci.OciException;
import dev.portajava.oci.SourceOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every file and directory a build reads, as the spec and options name them: what an output may never replace. */
final class BuildInputs {

    private BuildInputs() {
    }

    /** The spec file and its directory (when there is a spec), its sources, a local base image, keys, the cache. */
    static List<Path> of(Path specFile, ImageSpec spec, VerityOptions verity, BaseImageOptions base) {
        List<Path> inputs = new ArrayList<>();
        Path specDirectory = BuildContext.directoryOf(specFile);
        if (Files.isRegularFile(specFile)) {
            inputs.add(specFile);
            inputs.add(specDirectory);
        }
        spec.image().units().forEach(unit -> add(inputs, specDirectory, unit));
        spec.copy().forEach(copy -> add(inputs, specDirectory, copy.from()));
        spec.file().stream().filter(file -> file.from() != null).forEach(file -> add(inputs, specDirectory, file.from()));
        spec.base().flatMap(from -> localImage(specDirectory, from.image())).ifPresent(inputs::add);
        verity.key().ifPresent(inputs::add);
        verity.certificate().ifPresent(inputs::add);
        inputs.add(base.cache().root());
        return inputs;
    }

    private static void add(List<Path> inputs, Path specDirectory, String source) {
        if (source == null) {
            return;
        }
        try {
            inputs.add(specDirectory.resolve(source).normalize());
        } catch (InvalidPathException e) {
            // not a path: the step that reads it refuses it
        }
    }

    /** The archive or layout directory of an {@code oci:} or {@code docker-archive:} reference. */
    private static Optional<Path> localImage(Path specDirectory, String reference) {
        try {
            return ImageSource.of(BaseImagePull.absolute(specDirectory, reference),
                    new SourceOptions("amd64", Set.of(), Optional.empty(), message -> { })).localPath();
        } catch (OciException e) {
            return Optional.empty(); // a malformed reference: the pull refuses it
        }
    }
}
