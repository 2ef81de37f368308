package dev.portajava.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An image described before it is written: every entry with its path, type, metadata, extended attributes and
 * where a file's bytes come from. Immutable. Writers walk it in the order mksquashfs writes a tree (each
 * directory's names sorted by their bytes, see {@link ImagePath#compareNames}); no content is held but
 * {@link Content.Inline} bytes. Made by a {@link Builder}.
 *
 * <pre>
 * ImagePlan.Builder plan = ImagePlan.builder();
 * plan.put(PlanEntry.file(ImagePath.of("/etc/hello.conf"), 0644, 0, 0, 0, new Content.Inline(bytes)));
 * plan.put(PlanEntry.symlink(ImagePath.of("/usr/bin/sh"), "busybox", 0, 0, 0));
 * SquashfsWriter.of(options).write(plan.build(), image);
 * </pre>
 */
public final class ImagePlan {

    private static final Comparator<Node> BY_NAME = (a, b) -> ImagePath.compareNames(a.name(), b.name());

    /** An entry and, for a directory, its entries in name order. */
    private record Node(PlanEntry entry, Node[] children) {
        String name() {
            return entry.path().fileName();
        }
    }

    private final Node root;
    private final int entries;
    private final int inodes;
    private final int files;
    private final long fileBytes;

    private ImagePlan(Node root, long[] counts) {
        this.root = root;
        this.entries = (int) counts[0];
        this.inodes = (int) counts[1];
        this.files = (int) counts[2];
        this.fileBytes = counts[3];
    }

    /** A builder whose missing parents are made at time 0. */
    public static Builder builder() {
        return new Builder(0);
    }

    /** A builder whose missing parents are made at {@code parentMtime}, in seconds since 1970. */
    public static Builder builder(long parentMtime) {
        return new Builder(parentMtime);
    }

    public PlanEntry root() {
        return root.entry;
    }

    /** The entry at exactly {@code path}; no symlink is followed, not even in the middle of the path. */
    public Optional<PlanEntry> get(ImagePath path) {
        Node node = find(path);
        return node == null ? Optional.empty() : Optional.of(node.entry);
    }

    /** A directory's entries in name order; empty for a path that is not a directory of the plan. */
    public List<PlanEntry> children(ImagePath directory) {
        Node node = find(directory);
        if (node == null || node.children == null) {
            return List.of();
        }
        PlanEntry[] list = new PlanEntry[node.children.length];
        for (int i = 0; i < list.length; i++) {
            list[i] = node.children[i].entry;
        }
        return List.of(list);
    }

    /** Visits every entry: the root first, each directory right before its entries, names in order. */
    public <E extends Exception> void walk(Visitor<E> visitor) throws E {
        walk(root, visitor);
    }

    /**
     * The path, without symlinks, that {@code path} names inside the image: symlinks are followed as a service
     * running from the image sees them (see {@link InImagePaths}); empty when some part of it is missing.
     *
     * @throws InImagePaths.SymlinkLoopException when resolving it follows too many symlinks
     */
    public Optional<ImagePath> resolve(String path) throws IOException {
        return InImagePaths.resolve(path, this::node).map(ImagePath::of);
    }

    /** The bytes of the file {@code path} names, symlinks followed inside the image. */
    public InputStream open(String path) throws IOException {
        return openFile(path, resolve(path).flatMap(this::get));
    }

    /** How many entries the plan has, the root included. */
    public int size() {
        return entries;
    }

    /** How many inodes a writer makes: every entry but the second names of hard links. */
    public int inodeCount() {
        return inodes;
    }

    /** How many regular files a writer writes the content of: each file's inode once, whatever its names. */
    public int fileCount() {
        return files;
    }

    /** The bytes of those files' contents, as the plan gives their sizes. */
    public long fileBytes() {
        return fileBytes;
    }

    private InImagePaths.Node node(String absolutePath) {
        Node node = find(ImagePath.of(absolutePath));
        if (node == null) {
            return InImagePaths.Node.MISSING;
        }
        String target = node.entry.symlinkTarget();
        return target != null ? InImagePaths.Node.link(target) : InImagePaths.Node.PLAIN;
    }

    static InputStream openFile(String path, Optional<PlanEntry> entry) throws IOException {
        if (entry.isEmpty() || !entry.get().isFile()) {
            throw new NoSuchFileException(path, null, entry.isEmpty() ? "not in the image" : "not a regular file");
        }
        return entry.get().content().open();
    }

    private Node find(ImagePath path) {
        Node node = root;
        for (String name : path.names()) {
            if (node.children == null) {
                return null;
            }
            int lo = 0;
            int hi = node.children.length - 1;
            Node found = null;
            while (lo <= hi && found == null) {
                int mid = (lo + hi) >>> 1;
                int c = ImagePath.compareNames(node.children[mid].name(), name);
                if (c == 0) {
                    found = node.children[mid];
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found == null) {
                return null;
            }
            node = found;
        }
        return node;
    }

    private static <E extends Exception> void walk(Node node, Visitor<E> visitor) throws E {
        visitor.visit(node.entry);
        if (node.children != null) {
            for (Node child : node.children) {
                walk(child, visitor);
            }
        }
    }

    /** Receives the entries of {@link #walk}. */
    @FunctionalInterface
    public interface Visitor<E extends Exception> {
        void visit(PlanEntry entry) throws E;
    }

    /**
     * Makes a plan by edits, as the steps of a build make it: entries put, replaced and removed, owners, modes,
     * times and extended attributes set, hard links made. The rules are a file system's: a path's missing parents
     * are made as directories (0755, owned by root, at the builder's parent time); no path goes through a symlink
     * or through something that is not a directory; a file, symlink or special file never replaces a directory,
     * nor a directory one of them (the edit is refused with a {@link PlanConflictException}); a directory put
     * where one is takes the new metadata and keeps its entries. Not thread safe.
     */
    public static final class Builder {

        private final PlanTree tree;

        private Builder(long parentMtime) {
            tree = new PlanTree(parentMtime);
        }

        /** Puts {@code entry} at its path, replacing what is there under the rules above. */
        public Builder put(PlanEntry entry) throws PlanConflictException {
            tree.put(entry);
            return this;
        }

        /** Removes the entry at {@code path} (not followed if a symlink) and everything below it. */
        public boolean remove(ImagePath path) {
            return tree.remove(path);
        }

        /**
         * Makes {@code path} a second name of the inode at {@code existing} (not followed if a symlink), which must
         * not be a directory: same type, metadata and content, now and after any later change of either name.
         */
        public Builder hardLink(ImagePath existing, ImagePath path) throws PlanConflictException {
            tree.hardLink(existing, path);
            return this;
        }

        public Builder setOwner(ImagePath path, int uid, int gid) throws PlanConflictException {
            tree.update(path, e -> e.withOwner(uid, gid));
            return this;
        }

        public Builder setPermissions(ImagePath path, int permissions) throws PlanConflictException {
            tree.update(path, e -> e.withPermissions(permissions));
            return this;
        }

        public Builder setMtime(ImagePath path, long mtime) throws PlanConflictException {
            tree.update(path, e -> e.withMtime(mtime));
            return this;
        }

        public Builder setXattr(ImagePath path, String name, byte[] value) throws PlanConflictException {
            byte[] copy = value.clone();
            tree.update(path, e -> e.withXattrs(e.xattrs().with(name, copy)));
            return this;
        }

        public Builder removeXattr(ImagePath path, String name) throws PlanConflictException {
            tree.update(path, e -> e.withXattrs(e.xattrs().without(name)));
            return this;
        }

        /** Gives the regular file at {@code path} (and its other names) other content. */
        public Builder setContent(ImagePath path, Content content) throws PlanConflictException {
            tree.update(path, e -> e.withContent(content));
            return this;
        }

        /** The entry at exactly {@code path}, no symlink followed. */
        public Optional<PlanEntry> get(ImagePath path) {
            PlanTree.Node node = tree.find(path);
            return node == null ? Optional.empty() : Optional.of(node.entry);
        }

        /** A directory's entries in the plan as it is now, in no order; empty for a path that is not a directory. */
        public List<PlanEntry> children(ImagePath directory) {
            PlanTree.Node node = tree.find(directory);
            if (node == null || node.children == null) {
                return List.of();
            }
            return node.children.values().stream().map(child -> child.entry).toList();
        }

        /** As {@link ImagePlan#resolve}, in the plan as it is now. */
        public Optional<ImagePath> resolve(String path) throws IOException {
            return InImagePaths.resolve(path, p -> {
                PlanTree.Node node = tree.find(ImagePath.of(p));
                if (node == null) {
                    return InImagePaths.Node.MISSING;
                }
                String target = node.entry.symlinkTarget();
                return target != null ? InImagePaths.Node.link(target) : InImagePaths.Node.PLAIN;
            }).map(ImagePath::of);
        }

        /** The bytes of the file {@code path} names in the plan as it is now, symlinks followed inside the image. */
        public InputStream open(String path) throws IOException {
            return openFile(path, resolve(path).flatMap(this::get));
        }

        /** The plan as it is now; the builder can go on. */
        public ImagePlan build() {
            long[] counts = new long[4]; // entries, inodes, files, their bytes
            Node root = freeze(tree.root(), counts);
            return new ImagePlan(root, counts);
        }

        private static Node freeze(PlanTree.Node node, long[] counts) {
            counts[0]++;
            if (node.entry.hardLinkOf() == null) {
                counts[1]++;
                if (node.entry.type() == EntryType.FILE) {
                    counts[2]++;
                    counts[3] += node.entry.content().size();
                }
            }
            if (node.children == null) {
                return new Node(node.entry, null);
            }
            Node[] children = new Node[node.children.size()];
            int i = 0;
            for (PlanTree.Node child : node.children.values()) {
                children[i++] = freeze(child, counts);
            }
            Arrays.sort(children, BY_NAME);
            return new Node(node.entry, children);
        }
    }
}
