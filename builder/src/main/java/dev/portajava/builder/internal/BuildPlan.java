package dev.portajava.builder.internal;

import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The image a build's steps make, in memory: an {@link ImagePlan.Builder} whose entries are put owned by root at
 * the build's single time (a base image's entries keep their owners), missing parents made as directories 0755.
 * Lookups follow symlinks inside the image, never on the build host; nothing is read from a file until a step asks
 * for its bytes.
 */
public final class BuildPlan {

    private final ImagePlan.Builder plan;
    private final long epoch;

    /** @param epoch the time every entry gets, in seconds since 1970 */
    public BuildPlan(long epoch) {
        this.epoch = epoch;
        this.plan = ImagePlan.builder(epoch);
        try {
            plan.put(PlanEntry.directory(ImagePath.ROOT, 0755, 0, 0, epoch));
        } catch (PlanConflictException e) {
            throw new IllegalStateException(e);
        }
    }

    public long epoch() {
        return epoch;
    }

    /**
     * The plan as it is now, its root 0755 whatever a tree copied to {@code /} gave it: a service with a dynamic
     * user must be able to enter it.
     */
    public ImagePlan build() {
        try {
            plan.setPermissions(ImagePath.ROOT, 0755);
        } catch (PlanConflictException e) {
            throw new IllegalStateException(e);
        }
        return plan.build();
    }

    /** Puts a regular file owned by root at the build's time, replacing what is there (but a directory). */
    public void file(ImagePath path, Content content, int permissions) throws PlanConflictException {
        put(PlanEntry.file(path, permissions, 0, 0, epoch, content));
    }

    /** Makes a directory owned by root at the build's time, or gives the one there these permissions. */
    public void directory(ImagePath path, int permissions) throws PlanConflictException {
        put(PlanEntry.directory(path, permissions, 0, 0, epoch));
    }

    public void symlink(ImagePath path, String target) throws PlanConflictException {
        put(PlanEntry.symlink(path, target, 0, 0, epoch));
    }

    /** Puts {@code entry} as it is, its missing parents made first (0755, root, the build's time). */
    public void put(PlanEntry entry) throws PlanConflictException {
        plan.put(entry);
    }

    /** Makes {@code path} a second name of the file at {@code existing}: one inode, with its metadata. */
    public void hardLink(ImagePath existing, ImagePath path) throws PlanConflictException {
        plan.hardLink(existing, path);
    }

    /** Sets these extended attributes, text values written as UTF-8, on the entry at exactly {@code path}. */
    public void xattrs(ImagePath path, java.util.Map<String, String> xattrs) throws PlanConflictException {
        for (java.util.Map.Entry<String, String> xattr : xattrs.entrySet()) {
            plan.setXattr(path, xattr.getKey(), xattr.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Removes the entry at {@code path} (not followed if a symlink) and everything below it. */
    public boolean remove(ImagePath path) {
        return plan.remove(path);
    }

    /** The entry at exactly {@code path}, no symlink followed. */
    public Optional<PlanEntry> get(ImagePath path) {
        return plan.get(path);
    }

    /**
     * The path, without symlinks, that {@code path} names in the image as the service sees it; empty if some part
     * is missing, the symlinks loop, or no file can have that path.
     */
    public Optional<ImagePath> resolve(String path) {
        try {
            return plan.resolve(path);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The regular file {@code path} names in the image, symlinks followed inside it. */
    public Optional<PlanEntry> regularFile(String path) {
        return resolve(path).flatMap(plan::get).filter(PlanEntry::isFile);
    }

    /** The directory {@code path} names in the image, symlinks followed inside it. */
    public Optional<PlanEntry> directoryAt(String path) {
        return resolve(path).flatMap(plan::get).filter(PlanEntry::isDirectory);
    }

    /**
     * True if the image has an entry at {@code path}: its parent resolved inside the image, the entry itself not
     * followed.
     */
    public boolean exists(ImagePath path) {
        if (path.isRoot()) {
            return true;
        }
        return resolve(path.parent().toString()).flatMap(p -> plan.get(p.resolve(path.fileName()))).isPresent();
    }

    /** The entries of a directory of the plan, no symlink followed, in the order of their names as Strings. */
    public List<PlanEntry> list(ImagePath directory) {
        return plan.children(directory).stream()
                .sorted((a, b) -> a.path().fileName().compareTo(b.path().fileName())).toList();
    }

    /** The bytes of a regular file of the plan. */
    public static byte[] read(PlanEntry file) throws IOException {
        try (InputStream in = file.content().open()) {
            return in.readAllBytes();
        }
    }
}
