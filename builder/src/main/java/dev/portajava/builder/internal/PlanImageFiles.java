package dev.portajava.builder.internal;

import dev.portajava.builder.internal.launch.BytesChannel;
import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The plan's files as a program started from the image sees them. Only the files a check opens are read: from the
 * host or the cache where their content lives, or from the plan itself.
 */
public final class PlanImageFiles implements ImageFiles {

    private final BuildPlan plan;

    public PlanImageFiles(BuildPlan plan) {
        this.plan = plan;
    }

    @Override
    public Optional<String> resolve(String path) {
        return plan.resolve(path).map(ImagePath::toString);
    }

    @Override
    public Optional<RegularFile> regularFile(String resolved) {
        return file(resolved).map(f -> new RegularFile(f.content().size(), (f.permissions() & 0111) != 0));
    }

    @Override
    public SeekableByteChannel open(String resolved) throws IOException {
        PlanEntry file = file(resolved).orElseThrow(() -> new NoSuchFileException(resolved));
        Content content = file.content();
        if (content instanceof Content.Inline inline) {
            return new BytesChannel(inline.bytes());
        }
        return FileChannel.open(content instanceof Content.HostFile host ? host.path()
                : ((Content.StoredFile) content).path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> list(String resolved) {
        return plan.list(ImagePath.of(resolved)).stream().map(e -> e.path().fileName()).toList();
    }

    private Optional<PlanEntry> file(String resolved) {
        return plan.get(ImagePath.of(resolved)).filter(PlanEntry::isFile);
    }
}
