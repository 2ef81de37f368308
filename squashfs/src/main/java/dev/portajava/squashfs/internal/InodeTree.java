package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.UnsupportedEntryException;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The inodes of a plan as the writer needs them: each directory with its entries in name order, the names of a
 * hard-linked inode sharing one {@link TreeInode}, and how many files have each size (a file can only duplicate
 * one of its own size). Everything the image format cannot hold is refused here, before anything is written.
 */
final class InodeTree {

    /** The longest name a squashfs directory entry holds. */
    private static final int MAX_NAME = 256;
    private static final int MAX_TARGET = 4095;

    final TreeInode root;
    final int inodeCount;
    /** For each file size, how many distinct files of that size have no known digest ([0]) and have one ([1]). */
    final Map<Long, int[]> sizes = new HashMap<>();

    private InodeTree(TreeInode root, int inodeCount) {
        this.root = root;
        this.inodeCount = inodeCount;
    }

    static InodeTree of(ImagePlan plan) throws UnsupportedEntryException {
        Set<ImagePath> leaders = new HashSet<>();
        if (plan.inodeCount() < plan.size()) { // some entries are second names of an inode
            plan.walk(e -> {
                if (e.hardLinkOf() != null) {
                    leaders.add(e.hardLinkOf());
                }
            });
        }
        PlanEntry rootEntry = plan.root();
        check(rootEntry);
        InodeTree tree = new InodeTree(new TreeInode(rootEntry), plan.inodeCount());
        tree.root.links = 1;
        Map<ImagePath, TreeInode> linked = new HashMap<>();
        Deque<TreeInode> directories = new ArrayDeque<>();
        directories.push(tree.root);
        plan.walk(e -> {
            if (e.path().isRoot()) {
                return;
            }
            // the walk visits a directory right before its entries: the entry's parent is the open directory as
            // deep as the entry's path is long
            while (directories.size() > e.path().names().size()) {
                directories.pop();
            }
            check(e);
            byte[] name = FileNames.encode(e.path().fileName());
            if (name.length > MAX_NAME) {
                throw new UnsupportedEntryException(e.path(), "the name is longer than " + MAX_NAME + " bytes");
            }
            TreeInode inode = tree.inode(e, plan, leaders, linked);
            directories.peek().entries.add(new TreeInode.TreeEntry(name, inode));
            if (inode.type == EntryType.DIRECTORY) {
                directories.push(inode);
            }
        });
        return tree;
    }

    private TreeInode inode(PlanEntry e, ImagePlan plan, Set<ImagePath> leaders, Map<ImagePath, TreeInode> linked) {
        ImagePath leader = e.hardLinkOf() != null ? e.hardLinkOf() : leaders.contains(e.path()) ? e.path() : null;
        TreeInode inode = leader == null ? null : linked.get(leader);
        if (inode == null) {
            inode = new TreeInode(leader == null || leader.equals(e.path()) ? e : plan.get(leader).orElseThrow());
            if (leader != null) {
                linked.put(leader, inode);
            }
            if (inode.type == EntryType.FILE && inode.size() > 0) {
                int known = inode.entry.content().sha256().isPresent() ? 1 : 0;
                sizes.computeIfAbsent(inode.size(), k -> new int[2])[known]++;
            }
        }
        inode.links++;
        return inode;
    }

    private static void check(PlanEntry e) throws UnsupportedEntryException {
        if (e.mtime() < 0 || e.mtime() > 0xFFFF_FFFFL) {
            throw new UnsupportedEntryException(e.path(), "its time " + e.mtime()
                    + " does not fit squashfs (0 to 4294967295); give the image one time");
        }
        if (e.symlinkTarget() != null && FileNames.encode(e.symlinkTarget()).length > MAX_TARGET) {
            throw new UnsupportedEntryException(e.path(), "the symlink target is longer than " + MAX_TARGET + " bytes");
        }
    }
}
