package dev.portajava.squashfs;

import dev.portajava.tree.EntryType;
import dev.portajava.tree.Xattrs;
import java.util.Optional;

/**
 * An entry of a squashfs image, as {@code stat} would describe it.
 *
 * @param path the absolute path in the image ("/" for the root), names decoded by
 *     {@link dev.portajava.tree.FileNames}: their bytes are {@code FileNames.encode(path)}
 * @param permissions the permission bits, with setuid, setgid and sticky (07777)
 * @param mtime seconds since 1970
 * @param size bytes of a file, of a symlink's target, or of a directory's listing as squashfs counts it
 * @param linkCount the number of hard links (for a directory: 2 plus its subdirectories)
 * @param symlinkTarget a symlink's target, decoded as names are
 * @param device a device node's encoded device number (0 otherwise)
 * @param reference where the inode is: its metadata block relative to the inode table, shifted left 16, plus its
 *     offset in that block
 * @param xattrs its extended attributes
 */
public record SquashfsEntry(String path, EntryType type, int permissions, int uid, int gid, long mtime, long size,
        long linkCount, long inodeNumber, Optional<String> symlinkTarget, long device, long reference,
        Xattrs xattrs) {

    public SquashfsEntry {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute image path: " + path);
        }
        if (type == null) {
            throw new IllegalArgumentException("no entry type");
        }
        if (permissions < 0 || permissions > 07777) {
            throw new IllegalArgumentException("permissions out of range: " + permissions);
        }
        symlinkTarget = symlinkTarget == null ? Optional.empty() : symlinkTarget;
        xattrs = xattrs == null ? Xattrs.NONE : xattrs;
    }

    /** The last name of the path ("" for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
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
}
