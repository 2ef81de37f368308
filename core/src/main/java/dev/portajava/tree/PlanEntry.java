package dev.portajava.tree;

import java.util.Optional;

/**
 * One entry of an {@link ImagePlan}: what a writer makes at {@code path}. Which fields mean something depends on
 * the type, and the constructor checks that the others are empty.
 *
 * @param path where the entry is in the image
 * @param type what it is
 * @param permissions the permission bits, with setuid, setgid and sticky (07777)
 * @param uid its owner, 0 or more
 * @param gid its group, 0 or more
 * @param mtime its modification time, in seconds since 1970
 * @param xattrs its extended attributes
 * @param symlinkTarget a symlink's target, as stored (resolved inside the image, never on the build host); null
 *     for other types
 * @param content a regular file's bytes; null for other types
 * @param device a device node's device number, as {@code st_rdev} encodes it; 0 for other types
 * @param hardLinkOf for a second name of an inode (a hard link), the path of the entry that holds the inode: this
 *     entry has the same type, metadata and content as that one, and writers keep the two one inode. Null for an
 *     entry that is its own inode. Directories are never hard links
 */
public record PlanEntry(ImagePath path, EntryType type, int permissions, int uid, int gid, long mtime,
        Xattrs xattrs, String symlinkTarget, Content content, long device, ImagePath hardLinkOf) {

    /** Linux's PATH_MAX less the NUL: the kernel refuses longer symlink targets. */
    public static final int MAX_TARGET_BYTES = 4095;

    public PlanEntry {
        if (path == null || type == null) {
            throw new IllegalArgumentException("an entry needs a path and a type");
        }
        if (permissions < 0 || permissions > 07777) {
            throw new IllegalArgumentException(path + ": permissions " + Integer.toOctalString(permissions)
                    + " are not within 07777");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException(path + ": uid and gid must be 0 or more: " + uid + ":" + gid);
        }
        xattrs = xattrs == null ? Xattrs.NONE : xattrs;
        if ((type == EntryType.SYMLINK) != (symlinkTarget != null)) {
            throw new IllegalArgumentException(path
                    + ": a symlink target belongs to symlinks, and every symlink has one");
        }
        if (symlinkTarget != null && (symlinkTarget.isEmpty() || symlinkTarget.indexOf('\0') >= 0
                || symlinkTarget.length() > MAX_TARGET_BYTES)) {
            throw new IllegalArgumentException(path + ": a symlink target must be 1 to " + MAX_TARGET_BYTES
                    + " characters without NUL");
        }
        if ((type == EntryType.FILE) != (content != null)) {
            throw new IllegalArgumentException(path + ": content belongs to regular files, and every file has some");
        }
        boolean node = type == EntryType.BLOCK_DEVICE || type == EntryType.CHAR_DEVICE;
        if (node ? device < 0 : device != 0) {
            throw new IllegalArgumentException(path + ": a device number belongs to device nodes only");
        }
        if (hardLinkOf != null && (type == EntryType.DIRECTORY || hardLinkOf.equals(path))) {
            throw new IllegalArgumentException(path + ": only another entry, not a directory, can be a hard link of "
                    + hardLinkOf);
        }
    }

    public static PlanEntry directory(ImagePath path, int permissions, int uid, int gid, long mtime) {
        return new PlanEntry(path, EntryType.DIRECTORY, permissions, uid, gid, mtime, Xattrs.NONE, null, null, 0, null);
    }

    public static PlanEntry file(ImagePath path, int permissions, int uid, int gid, long mtime, Content content) {
        return new PlanEntry(path, EntryType.FILE, permissions, uid, gid, mtime, Xattrs.NONE, null, content, 0, null);
    }

    /** A symlink, with the permissions every Linux symlink has (0777). */
    public static PlanEntry symlink(ImagePath path, String target, int uid, int gid, long mtime) {
        return new PlanEntry(path, EntryType.SYMLINK, 0777, uid, gid, mtime, Xattrs.NONE, target, null, 0, null);
    }

    /** A device node, FIFO or socket; {@code device} is 0 for the latter two. */
    public static PlanEntry special(ImagePath path, EntryType type, int permissions, int uid, int gid, long mtime,
            long device) {
        if (!type.isSpecial()) {
            throw new IllegalArgumentException(path + ": " + type + " is not a device node, FIFO or socket");
        }
        return new PlanEntry(path, type, permissions, uid, gid, mtime, Xattrs.NONE, null, null, device, null);
    }

    /** The whole Unix mode: type bits and permissions. */
    public int mode() {
        return type.modeBits() | permissions;
    }

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public Optional<ImagePath> hardLink() {
        return Optional.ofNullable(hardLinkOf);
    }

    public PlanEntry withPath(ImagePath path) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    public PlanEntry withOwner(int uid, int gid) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    public PlanEntry withPermissions(int permissions) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    public PlanEntry withMtime(long mtime) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    public PlanEntry withXattrs(Xattrs xattrs) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    public PlanEntry withContent(Content content) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                hardLinkOf);
    }

    /** This entry as a second name of the inode at {@code leader} ({@code null}: its own inode). */
    public PlanEntry withHardLinkOf(ImagePath leader) {
        return new PlanEntry(path, type, permissions, uid, gid, mtime, xattrs, symlinkTarget, content, device,
                leader);
    }

}
