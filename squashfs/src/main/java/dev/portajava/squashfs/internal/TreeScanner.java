package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.EntryType;
import dev.portajava.squashfs.Owner;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.UnsupportedEntryException;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a directory tree into {@link TreeInode}s: entries sorted by their name's bytes (as mksquashfs sorts them),
 * so the image does not depend on the order the file system lists them in. File contents are not read here.
 */
final class TreeScanner {

    private static final String ATTRIBUTES = "unix:mode,uid,gid,nlink,ino,dev,size,lastModifiedTime,rdev";

    private final SquashfsOptions options;
    private final Map<List<Long>, TreeInode> hardLinks = new HashMap<>();
    private final Map<Long, Integer> filesBySize = new HashMap<>();
    private int inodes;
    private Path root;

    TreeScanner(SquashfsOptions options) {
        this.options = options;
    }

    TreeInode scan(Path root) throws IOException, SquashfsException {
        this.root = root;
        Map<String, Object> attrs = Files.readAttributes(root, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        TreeInode inode = inode(root, attrs);
        if (inode.type != EntryType.DIRECTORY) {
            throw new UnsupportedEntryException(root, "is not a directory");
        }
        inode.links = 1;
        scanDirectory(inode);
        return inode;
    }

    /** How many inodes the tree has. */
    int inodeCount() {
        return inodes;
    }

    /** How many distinct regular files have this size: a file can only be a duplicate if another has its size. */
    int filesOfSize(long size) {
        return filesBySize.getOrDefault(size, 0);
    }

    private void scanDirectory(TreeInode dir) throws IOException, SquashfsException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.path)) {
            stream.forEach(children::add);
        }
        List<TreeInode.TreeEntry> entries = new ArrayList<>(children.size());
        for (Path child : children) {
            byte[] name = FileNames.encode(FileNames.name(child));
            if (name.length > 256) {
                throw new UnsupportedEntryException(child, "the name is longer than 256 bytes");
            }
            entries.add(new TreeInode.TreeEntry(name, entry(child)));
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        dir.entries.addAll(entries);
        for (TreeInode.TreeEntry e : entries) {
            if (e.inode().type == EntryType.DIRECTORY) {
                scanDirectory(e.inode());
            }
        }
    }

    private TreeInode entry(Path path) throws IOException, SquashfsException {
        Map<String, Object> attrs = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int nlink = (Integer) attrs.get("nlink");
        List<Long> key = null;
        if (nlink > 1 && ((Integer) attrs.get("mode") & 0170000) != 0040000) {
            key = List.of((Long) attrs.get("dev"), (Long) attrs.get("ino"));
            TreeInode known = hardLinks.get(key);
            if (known != null) {
                known.links++;
                if (known.type == EntryType.FILE && known.contentKey == null && !options.contentKeys().isEmpty()) {
                    known.contentKey = options.contentKeys().get(relative(path));
                }
                return known;
            }
        }
        TreeInode inode = inode(path, attrs);
        inode.links = 1;
        if (key != null) {
            hardLinks.put(key, inode);
        }
        if (inode.type == EntryType.FILE && inode.size > 0) {
            filesBySize.merge(inode.size, 1, Integer::sum);
        }
        return inode;
    }

    private TreeInode inode(Path path, Map<String, Object> attrs) throws IOException, SquashfsException {
        inodes++;
        int mode = (Integer) attrs.get("mode");
        EntryType type = typeOf(path, mode);
        long mtime;
        if (options.time().isPresent()) {
            mtime = options.time().getAsLong();
        } else {
            mtime = ((FileTime) attrs.get("lastModifiedTime")).to(TimeUnit.SECONDS);
            if (mtime < 0 || mtime > 0xFFFF_FFFFL) {
                throw new UnsupportedEntryException(path, "its time " + mtime
                        + " does not fit squashfs (0 to 4294967295); give the image one time");
            }
        }
        int uid = options.owner().isPresent() ? options.owner().getAsInt() : (Integer) attrs.get("uid");
        int gid = options.owner().isPresent() ? options.owner().getAsInt() : (Integer) attrs.get("gid");
        if (!options.owners().isEmpty()) {
            Owner own = options.owners().get(relative(path));
            if (own != null) {
                uid = own.uid();
                gid = own.gid();
            }
        }
        byte[] target = null;
        long size = 0;
        if (type == EntryType.SYMLINK) {
            target = FileNames.bytes(Files.readSymbolicLink(path));
            size = target.length;
        } else if (type == EntryType.FILE) {
            size = (Long) attrs.get("size");
        }
        long device = type == EntryType.BLOCK_DEVICE || type == EntryType.CHAR_DEVICE ? (Long) attrs.get("rdev") : 0;
        TreeInode inode = new TreeInode(type, path, mode & 07777, uid, gid, mtime, size, target, device);
        if (type == EntryType.FILE && !options.contentKeys().isEmpty()) {
            inode.contentKey = options.contentKeys().get(relative(path));
        }
        return inode;
    }

    /** {@code usr/bin/x} for ROOT/usr/bin/x, names as {@link FileNames} has them; empty for the root. */
    private String relative(Path path) {
        return FileNames.relative(root, path);
    }

    private EntryType typeOf(Path path, int mode) throws UnsupportedEntryException {
        for (EntryType t : EntryType.values()) {
            if ((mode & 0170000) == t.modeBits()) {
                boolean special = t != EntryType.DIRECTORY && t != EntryType.FILE && t != EntryType.SYMLINK;
                if (special && !options.specialFiles()) {
                    throw new UnsupportedEntryException(path, "is a " + t.name().toLowerCase().replace('_', ' ')
                            + "; only files, directories and symlinks are stored unless special files are allowed");
                }
                return t;
            }
        }
        throw new UnsupportedEntryException(path, "has an unknown file type (mode " + Integer.toOctalString(mode) + ")");
    }

}
