package dev.portajava.oci.internal;

import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.Digest;
import dev.portajava.oci.HostileLayerException;
import dev.portajava.oci.TreeEntry;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.InImagePaths;
import dev.portajava.tree.Xattrs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image's file system in memory, built by applying its layers in order as containerd and Docker do: whiteouts
 * and opaque directories remove what lower layers have, a later entry replaces an earlier one (a directory over a
 * directory only updates its metadata), missing parent directories are made, and a path through a symlink is
 * resolved inside the image, never outside it.
 */
public final class MergedTree {

    /** What a regular file's hard links share: one inode. A directory's or symlink's own metadata. */
    private static final class Inode {
        int mode;
        int uid;
        int gid;
        Xattrs xattrs;
        final String content;
        final long size;
        /** The layer and entry that made it, for messages. */
        final Digest layer;
        final String name;

        Inode(int mode, int uid, int gid, Xattrs xattrs, String content, long size, Digest layer, String name) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.xattrs = xattrs;
            this.content = content;
            this.size = size;
            this.layer = layer;
            this.name = name;
        }
    }

    private static final class Node {
        final TreeEntry.Kind kind;
        final Inode inode;
        final String target;
        final TreeMap<String, Node> children;

        Node(TreeEntry.Kind kind, Inode inode, String target) {
            this.kind = kind;
            this.inode = inode;
            this.target = target;
            this.children = kind == TreeEntry.Kind.DIRECTORY ? new TreeMap<>() : null;
        }

        static Node directory(int mode, int uid, int gid, Xattrs xattrs, Digest layer, String name) {
            return new Node(TreeEntry.Kind.DIRECTORY, new Inode(mode, uid, gid, xattrs, null, 0, layer, name), "");
        }
    }

    private final Node root = Node.directory(0755, 0, 0, Xattrs.NONE, null, "");

    /** The length in bytes of the path {@link #walk} last resolved to. */
    private int walked;

    /** Applies one layer on what the layers below it made. */
    public void apply(Digest layer, LayerIndex index) throws HostileLayerException {
        // a layer's whiteouts hide what lower layers have, never the layer's own entries
        for (LayerEntry e : index.entries()) {
            if (e.type() == LayerEntry.Type.WHITEOUT) {
                List<String> names = InImagePaths.names(e.path());
                Node parent = walk(layer, e.name(), names.subList(0, names.size() - 1), false);
                if (parent != null && parent.kind == TreeEntry.Kind.DIRECTORY) {
                    parent.children.remove(names.get(names.size() - 1));
                }
            } else if (e.type() == LayerEntry.Type.OPAQUE) {
                Node dir = walk(layer, e.name(), InImagePaths.names(e.path()), false);
                if (dir != null && dir.kind == TreeEntry.Kind.DIRECTORY) {
                    dir.children.clear();
                }
            }
        }
        for (LayerEntry e : index.entries()) {
            switch (e.type()) {
                case WHITEOUT, OPAQUE -> { }
                default -> add(layer, e);
            }
        }
    }

    private void add(Digest layer, LayerEntry e) throws HostileLayerException {
        List<String> names = InImagePaths.names(e.path());
        String base = names.get(names.size() - 1);
        Node parent = walk(layer, e.name(), names.subList(0, names.size() - 1), true);
        if (parent.kind != TreeEntry.Kind.DIRECTORY) {
            throw new HostileLayerException(layer, e.name(), "its parent is not a directory in the image");
        }
        if (walked + 1 + FileNames.length(base) > EntryNames.MAX_PATH) {
            throw new HostileLayerException(layer, e.name(), "through its symlinks, the path is longer than "
                    + EntryNames.MAX_PATH + " bytes");
        }
        Node node = switch (e.type()) {
            case DIRECTORY -> {
                Node existing = parent.children.get(base);
                if (existing != null && existing.kind == TreeEntry.Kind.DIRECTORY) {
                    existing.inode.mode = e.mode();
                    existing.inode.uid = e.uid();
                    existing.inode.gid = e.gid();
                    existing.inode.xattrs = e.xattrs();
                    yield existing;
                }
                yield Node.directory(e.mode(), e.uid(), e.gid(), e.xattrs(), layer, e.name());
            }
            case FILE -> new Node(TreeEntry.Kind.FILE,
                    new Inode(e.mode(), e.uid(), e.gid(), e.xattrs(), e.content(), e.size(), layer, e.name()), "");
            case SYMLINK -> new Node(TreeEntry.Kind.SYMLINK,
                    new Inode(e.mode(), e.uid(), e.gid(), e.xattrs(), null, 0, layer, e.name()), e.target());
            case HARDLINK -> {
                // the target's directory is reached through symlinks, its last name is not followed: a hard link
                // to a symlink is to the symlink, as link(2) makes it
                List<String> targetNames = InImagePaths.names(e.target());
                Node targetDir = targetNames.isEmpty() ? null
                        : walk(layer, e.name(), targetNames.subList(0, targetNames.size() - 1), false);
                Node target = targetDir == null || targetDir.kind != TreeEntry.Kind.DIRECTORY ? null
                        : targetDir.children.get(targetNames.get(targetNames.size() - 1));
                if (target == null || target.kind != TreeEntry.Kind.FILE) {
                    throw new HostileLayerException(layer, e.name(), "the hard link's target '"
                            + ControlCharacters.escapedUnambiguously(e.target()) + "' is "
                            + (target == null ? "not in the image"
                                    : target.kind == TreeEntry.Kind.SYMLINK ? "a symlink, not a regular file"
                                    : "a directory, not a regular file")
                            + " (it must be an earlier regular file of the image)");
                }
                yield new Node(TreeEntry.Kind.FILE, target.inode, "");
            }
            default -> throw new IllegalStateException(e.type().toString());
        };
        parent.children.put(base, node);
    }

    /**
     * The node at {@code names}, symlinks followed (the last one too) inside the image (an absolute target starts
     * again at the root, {@code ..} stops there), as the kernel would with the image as its root.
     *
     * @param create make missing directories (0755, root) on the way, as unpacking does for a missing parent
     * @return the node; null when something is missing (and not {@code create}), or when the way goes through
     *     something that is not a directory and not {@code create}
     * @throws HostileLayerException when {@code create} and the way goes through a non-directory, or when it follows
     *     too many symlinks
     */
    private Node walk(Digest layer, String entry, List<String> names, boolean create)
            throws HostileLayerException {
        Deque<String> todo = new ArrayDeque<>(names);
        Deque<Node> way = new ArrayDeque<>();
        Deque<Integer> lengths = new ArrayDeque<>();
        way.push(root);
        lengths.push(0);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals("..")) {
                if (way.size() > 1) {
                    way.pop();
                    lengths.pop();
                }
                continue;
            }
            Node dir = way.peek();
            if (dir.kind != TreeEntry.Kind.DIRECTORY) {
                if (create) {
                    throw new HostileLayerException(layer, entry, "its parent is not a directory in the image");
                }
                return null;
            }
            int length = lengths.peek() + (lengths.size() > 1 ? 1 : 0) + FileNames.length(name);
            Node child = dir.children.get(name);
            if (child == null) {
                if (!create) {
                    return null;
                }
                if (length > EntryNames.MAX_PATH) {
                    throw new HostileLayerException(layer, entry, "through its symlinks, the path is longer than "
                            + EntryNames.MAX_PATH + " bytes");
                }
                child = Node.directory(0755, 0, 0, Xattrs.NONE, layer, entry);
                dir.children.put(name, child);
            }
            if (child.kind == TreeEntry.Kind.SYMLINK) {
                if (++links > InImagePaths.MAX_SYMLINKS) {
                    throw new HostileLayerException(layer, entry, "resolving it follows more than "
                            + InImagePaths.MAX_SYMLINKS + " symlinks");
                }
                if (child.target.startsWith("/")) {
                    way.clear();
                    way.push(root);
                    lengths.clear();
                    lengths.push(0);
                }
                List<String> target = InImagePaths.names(child.target);
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.addFirst(target.get(i));
                }
                continue;
            }
            way.push(child);
            lengths.push(length);
        }
        walked = lengths.peek();
        return way.peek();
    }

    /**
     * Refuses a regular file with the setuid or setgid bit, naming the layer and entry that made it; what lower
     * layers had and upper ones removed does not count.
     */
    public void refuseSetuid(String howToAllow) throws HostileLayerException {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node dir = todo.pop();
            for (Node child : dir.children.values()) {
                if (child.kind == TreeEntry.Kind.DIRECTORY) {
                    todo.push(child);
                } else if (child.kind == TreeEntry.Kind.FILE && (child.inode.mode & 06000) != 0) {
                    String bit = (child.inode.mode & 04000) != 0 ? "setuid" : "setgid";
                    throw new HostileLayerException(child.inode.layer, child.inode.name, "the file has the " + bit
                            + " bit (mode " + String.format("%04o", child.inode.mode) + "); " + howToAllow);
                }
            }
        }
    }

    /** Every entry, sorted by path component by component, so parents come before their children. */
    public List<TreeEntry> entries(CacheDirectory cache) {
        Map<Inode, Integer> links = new IdentityHashMap<>();
        count(root, links);
        List<TreeEntry> entries = new ArrayList<>();
        list(root, cache, links, entries);
        return entries;
    }

    private static void count(Node root, Map<Inode, Integer> links) {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            for (Node child : todo.pop().children.values()) {
                if (child.kind == TreeEntry.Kind.FILE) {
                    links.merge(child.inode, 1, Integer::sum);
                } else if (child.kind == TreeEntry.Kind.DIRECTORY) {
                    todo.push(child);
                }
            }
        }
    }

    /** Depth first, children in name order; without recursion, however deep the tree. */
    private static void list(Node root, CacheDirectory cache, Map<Inode, Integer> links, List<TreeEntry> out) {
        Map<Inode, Integer> groups = new IdentityHashMap<>();
        Deque<Iterator<Map.Entry<String, Node>>> levels = new ArrayDeque<>();
        Deque<String> prefixes = new ArrayDeque<>();
        levels.push(root.children.entrySet().iterator());
        prefixes.push("");
        while (!levels.isEmpty()) {
            Iterator<Map.Entry<String, Node>> level = levels.peek();
            if (!level.hasNext()) {
                levels.pop();
                prefixes.pop();
                continue;
            }
            Map.Entry<String, Node> e = level.next();
            String path = prefixes.peek() + e.getKey();
            Node node = e.getValue();
            Inode inode = node.inode;
            switch (node.kind) {
                case DIRECTORY -> {
                    out.add(new TreeEntry(path, node.kind, inode.mode, inode.uid, inode.gid, "", null, 0, 0,
                            inode.xattrs));
                    levels.push(node.children.entrySet().iterator());
                    prefixes.push(path + "/");
                }
                case SYMLINK -> out.add(new TreeEntry(path, node.kind, inode.mode, inode.uid, inode.gid, node.target,
                        null, 0, 0, inode.xattrs));
                case FILE -> {
                    int group = links.get(inode) > 1 ? groups.computeIfAbsent(inode, i -> groups.size() + 1) : 0;
                    out.add(new TreeEntry(path, node.kind, inode.mode, inode.uid, inode.gid, "",
                            cache.files().resolve(inode.content), inode.size, group, inode.xattrs));
                }
            }
        }
    }
}
