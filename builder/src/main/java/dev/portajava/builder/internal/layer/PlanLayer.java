package dev.portajava.builder.internal.layer;

import dev.portajava.builder.internal.BuildPlan;
import dev.portajava.builder.internal.PlanImageFiles;
import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.InImagePaths;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/** The plan of the image being built, as a layer. */
public final class PlanLayer implements ImageLayer {

    private final BuildPlan plan;
    private final PlanImageFiles files;

    public PlanLayer(BuildPlan plan) {
        this.plan = plan;
        this.files = new PlanImageFiles(plan);
    }

    @Override
    public InImagePaths.Node node(String path) {
        Optional<PlanEntry> entry = plan.get(ImagePath.of(path));
        if (entry.isEmpty()) {
            return InImagePaths.Node.MISSING;
        }
        return entry.get().symlinkTarget() != null ? InImagePaths.Node.link(entry.get().symlinkTarget())
                : InImagePaths.Node.PLAIN;
    }

    @Override
    public Optional<ImageFiles.RegularFile> regularFile(String path) {
        return files.regularFile(path);
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        return files.open(path);
    }

    @Override
    public List<String> list(String path) {
        return files.list(path);
    }
}
