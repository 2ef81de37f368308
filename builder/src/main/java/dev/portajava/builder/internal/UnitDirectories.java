package dev.portajava.builder.internal;

import dev.portajava.name.PortableScope;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The directories of an image that portabled takes unit files from, and the unit files in them. */
final class UnitDirectories {

    /** Where portabled of {@code scope} looks for units in an image. */
    static List<ImagePath> of(PortableScope scope) {
        return scope.unitDirectories().stream().map(ImagePath::of).toList();
    }

    /** Where the builder installs the units the spec lists, for a manager of {@code scope}. */
    static ImagePath install(PortableScope scope) {
        return ImagePath.of(scope.unitDirectory());
    }

    private UnitDirectories() {
    }

    /** The parsed unit file at {@code path}, followed inside the image; empty if it does not resolve to a file. */
    static Optional<UnitFile> read(BuildPlan plan, ImagePath path) throws IOException {
        Optional<PlanEntry> file = plan.regularFile(path.toString());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UnitFile.parse(text(file.get())));
    }

    /** A file's bytes as UTF-8 text; bytes that are not UTF-8 are refused as reading a file with them is. */
    static String text(PlanEntry file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(BuildPlan.read(file)))
                .toString();
    }

    /**
     * Every file or symlink directly in one of the unit directories of {@code scope} (drop-in and .wants directories skipped). A
     * directory is looked up inside the image, as portabled will: a symlink such as {@code /lib -> /usr/lib} is
     * followed in the image, never on the build host.
     */
    static List<ImagePath> unitFiles(BuildPlan plan, PortableScope scope) {
        List<ImagePath> units = new ArrayList<>();
        for (ImagePath dir : of(scope)) {
            Optional<PlanEntry> resolved = plan.directoryAt(dir.toString());
            if (resolved.isEmpty()) {
                continue; // absent from the image
            }
            for (PlanEntry entry : plan.list(resolved.get().path())) {
                if (!entry.isDirectory()) {
                    units.add(dir.resolve(entry.path().fileName()));
                }
            }
        }
        return units;
    }
}
