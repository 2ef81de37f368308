package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.oci.TreeEntry;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the base image's file system into the plan, before anything from the spec: each entry with the mode and
 * owner its layer gives it, a file's content taken from the cache's content store by its digest (nothing is
 * copied), hard links kept. Setuid and setgid bits are removed unless {@code [from]} allows them ({@link SetuidBits}).
 */
final class BaseImageStep implements BuildStep {

    private final BaseImage base;

    BaseImageStep(BaseImage base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "base";
    }

    @Override
    public void run(BuildContext context) throws ImageBuildException {
        BuildPlan plan = context.plan();
        Map<Integer, ImagePath> linkGroups = new HashMap<>();
        SetuidBits setuid = SetuidBits.ofBaseImage(base.allowSetuid());
        for (TreeEntry entry : base.tree().entries()) {
            ImagePath path = ImagePath.of("/" + entry.path());
            int mode = setuid.mode(path, entry.mode() & 07777);
            try {
                switch (entry.kind()) {
                    case DIRECTORY -> plan.put(PlanEntry.directory(path, mode, entry.uid(), entry.gid(),
                            plan.epoch()).withXattrs(entry.xattrs()));
                    case SYMLINK -> plan.put(PlanEntry.symlink(path, entry.linkTarget(), entry.uid(), entry.gid(),
                            plan.epoch()).withXattrs(entry.xattrs()));
                    case FILE -> {
                        ImagePath first = entry.linkGroup() > 0 ? linkGroups.putIfAbsent(entry.linkGroup(), path)
                                : null;
                        if (first != null) {
                            plan.hardLink(first, path);
                        } else {
                            plan.put(PlanEntry.file(path, mode, entry.uid(), entry.gid(), plan.epoch(),
                                    content(entry)).withXattrs(entry.xattrs()));
                        }
                    }
                }
            } catch (PlanConflictException e) {
                throw new ImageBuildException(base.image().reference() + ": cannot stage "
                        + ControlCharacters.escapedUnambiguously("/" + entry.path()) + ": " + e.getMessage());
            }
        }
        setuid.warn(context, name());
        context.report(name(), "staged " + base.tree().entries().size() + " entries of " + base.image().reference()
                + " (" + base.image().layers().size() + " layers, manifest " + base.image().manifestDigest() + ")");
    }

    /** A file's bytes: the cache's stored file, known by its SHA-256 (its name in the store), or none. */
    private static Content content(TreeEntry entry) {
        if (entry.size() == 0) {
            return new Content.Inline(new byte[0]);
        }
        return new Content.StoredFile(entry.content(), entry.size(), entry.content().getFileName().toString());
    }
}
