package dev.portajava.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The entries of a plan being made, as a tree of names, with the rules of a file system: a path's parents are
 * directories (made 0755, owned by root, at the tree's parent time when missing), never symlinks; a file does not
 * replace a directory, nor a directory a file. The names of an inode's hard links are kept in {@link LinkGroups}.
 */
final class PlanTree {

    /** An entry and, for a directory, its entries by name. */
    static final class Node {
        PlanEntry entry;
        final Map<String, Node> children;

        Node(PlanEntry entry) {
            this.entry = entry;
            this.children = entry.isDirectory() ? new HashMap<>() : null;
        }
    }

    private final Node root = new Node(PlanEntry.directory(ImagePath.ROOT, 0755, 0, 0, 0));
    private final LinkGroups links = new LinkGroups();
    private final long parentMtime;

    /** @param parentMtime the time of the directories made as missing parents */
    PlanTree(long parentMtime) {
        this.parentMtime = parentMtime;
    }

    Node root() {
        return root;
    }

    /** The node at exactly {@code path}, no symlink followed; null when there is none. */
    Node find(ImagePath path) {
        Node node = root;
        for (String name : path.names()) {
            if (node.children == null) {
                return null;
            }
            node = node.children.get(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    void put(PlanEntry entry) throws PlanConflictException {
        if (entry.hardLinkOf() != null) {
            throw new IllegalArgumentException(entry.path() + ": hard links are made with hardLink");
        }
        ImagePath path = entry.path();
        if (path.isRoot()) {
            if (!entry.isDirectory()) {
                throw new PlanConflictException("the image root cannot be a " + word(entry.type()));
            }
            root.entry = entry;
            return;
        }
        Node parent = directoryFor(path);
        Node existing = parent.children.get(path.fileName());
        if (existing != null && existing.entry.isDirectory()) {
            if (!entry.isDirectory()) {
                throw new PlanConflictException(path.printable()
                        + " is already a directory in the image; cannot make it a " + word(entry.type()));
            }
            existing.entry = entry;
            return;
        }
        if (existing != null && entry.isDirectory()) {
            throw new PlanConflictException(path.printable() + " is already in the image and is not a directory");
        }
        if (existing != null) {
            forget(existing);
        }
        parent.children.put(path.fileName(), new Node(entry));
    }

    void hardLink(ImagePath existing, ImagePath path) throws PlanConflictException {
        Node target = find(existing);
        if (target == null || target.entry.isDirectory()) {
            throw new PlanConflictException("cannot link " + path + " to " + existing + ": "
                    + (target == null ? "it is not in the image" : "it is a directory"));
        }
        ImagePath leader = target.entry.hardLinkOf() != null ? target.entry.hardLinkOf() : existing;
        if (path.equals(leader) || links.members(leader).contains(path)) {
            return;
        }
        PlanEntry link = find(leader).entry.withPath(path);
        put(link);
        find(path).entry = link.withHardLinkOf(leader);
        links.add(leader, path);
    }

    /** Removes the entry at {@code path} and all below it; false when there is none. */
    boolean remove(ImagePath path) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("the image root cannot be removed");
        }
        Node parent = find(path.parent());
        Node node = parent == null || parent.children == null ? null : parent.children.get(path.fileName());
        if (node == null) {
            return false;
        }
        forget(node);
        parent.children.remove(path.fileName());
        return true;
    }

    /**
     * Changes the entry at {@code path} and, when it is one name of an inode with several, every name of it.
     *
     * @throws PlanConflictException when there is no entry at {@code path}
     */
    void update(ImagePath path, UnaryOperator<PlanEntry> change) throws PlanConflictException {
        Node node = find(path);
        if (node == null) {
            throw new PlanConflictException(path.printable() + " is not in the image");
        }
        ImagePath leader = node.entry.hardLinkOf() != null ? node.entry.hardLinkOf() : path;
        List<ImagePath> names = links.members(leader);
        for (ImagePath name : names.isEmpty() ? List.of(path) : concat(leader, names)) {
            Node n = find(name);
            PlanEntry changed = change.apply(n.entry);
            if (!changed.path().equals(name) || changed.type() != n.entry.type()
                    || !java.util.Objects.equals(changed.hardLinkOf(), n.entry.hardLinkOf())) {
                throw new IllegalArgumentException(path + ": an update may not change the path, type or link");
            }
            n.entry = changed;
        }
    }

    /** Lets go of what a node below a removed or replaced name held: its names in hard-link groups. */
    private void forget(Node node) {
        if (node.children != null) {
            for (Node child : node.children.values()) {
                forget(child);
            }
            return;
        }
        PlanEntry entry = node.entry;
        if (entry.hardLinkOf() != null) {
            links.remove(entry.hardLinkOf(), entry.path());
            return;
        }
        List<ImagePath> members = links.members(entry.path());
        if (members.isEmpty()) {
            return;
        }
        ImagePath heir = members.get(0);
        links.promote(entry.path(), heir);
        find(heir).entry = find(heir).entry.withHardLinkOf(null);
        for (ImagePath other : links.members(heir)) {
            find(other).entry = find(other).entry.withHardLinkOf(heir);
        }
    }

    /** The directory {@code path} goes into, made where missing. */
    private Node directoryFor(ImagePath path) throws PlanConflictException {
        Node node = root;
        List<String> names = path.names();
        for (int i = 0; i < names.size() - 1; i++) {
            Node next = node.children.get(names.get(i));
            if (next == null) {
                next = new Node(PlanEntry.directory(new ImagePath(names.subList(0, i + 1)), 0755, 0, 0, parentMtime));
                node.children.put(names.get(i), next);
            } else if (next.entry.type() == EntryType.SYMLINK) {
                throw new PlanConflictException(path.printable() + " passes through the symlink "
                        + next.entry.path().printable() + " in the image");
            } else if (!next.entry.isDirectory()) {
                throw new PlanConflictException(path.printable() + ": " + next.entry.path().printable()
                        + " is not a directory in the image");
            }
            node = next;
        }
        return node;
    }

    private static List<ImagePath> concat(ImagePath first, List<ImagePath> rest) {
        List<ImagePath> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static String word(EntryType type) {
        return switch (type) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink";
            case BLOCK_DEVICE -> "block device";
            case CHAR_DEVICE -> "character device";
            case FIFO -> "FIFO";
            case SOCKET -> "socket";
        };
    }
}
