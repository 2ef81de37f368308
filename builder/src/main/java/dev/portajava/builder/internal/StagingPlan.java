package dev.portajava.builder.internal;

import dev.portajava.squashfs.Owner;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.Content;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of a staging tree, for as long as the build steps stage the image on disk: the tree as the squashfs
 * writer reads it, with the owners and content digests the steps recorded beside it ({@link StagingTree#owners()},
 * {@link StagingTree#contentKeys()}). It goes away when the steps edit an {@link ImagePlan} themselves.
 */
final class StagingPlan {

    private StagingPlan() {
    }

    static ImagePlan of(SquashfsWriter writer, Path staging, Map<String, Owner> owners, Map<String, String> digests)
            throws SquashfsException {
        ImagePlan.Builder plan = writer.plan(staging);
        try {
            // names sharing an inode share an owner: the first name in the image's order gives it, so it goes last
            List<String> owned = new ArrayList<>(owners.keySet());
            owned.sort(Comparator.comparing(ImagePath::of, Comparator.reverseOrder()));
            for (String path : owned) {
                Owner owner = owners.get(path);
                if (plan.get(ImagePath.of(path)).isPresent()) {
                    plan.setOwner(ImagePath.of(path), owner.uid(), owner.gid());
                }
            }
            for (Map.Entry<String, String> e : digests.entrySet()) {
                Optional<PlanEntry> file = plan.get(ImagePath.of(e.getKey())).filter(PlanEntry::isFile);
                if (file.isPresent()) {
                    plan.setContent(file.get().path(), new Content.StoredFile(FileNames.resolve(staging, e.getKey()),
                            file.get().content().size(), e.getValue()));
                }
            }
        } catch (PlanConflictException e) {
            throw new IllegalStateException("an entry of the staging tree went missing: " + e.getMessage(), e);
        }
        return plan.build();
    }
}
