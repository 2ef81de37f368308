package dev.portajava.oci;

import dev.portajava.tree.Xattrs;
import java.nio.file.Path;

/**
 * One entry of an image's file system once all its layers are applied.
 *
 * @param path the path inside the image, relative ({@code usr/bin/env}), normalised, never empty
 * @param kind what it is
 * @param mode the permission bits, setuid/setgid/sticky included ({@code 07777})
 * @param uid the owner
 * @param gid the group
 * @param linkTarget a symlink's target as the layer wrote it; empty for other kinds
 * @param content a regular file's content, a file in the cache's content store; null for other kinds
 * @param size a regular file's size
 * @param linkGroup for regular files that are hard links of each other, the same number above 0; else 0
 * @param xattrs the extended attributes its layer gave it (a hard link's are its inode's)
 */
public record TreeEntry(String path, Kind kind, int mode, int uid, int gid, String linkTarget, Path content,
        long size, int linkGroup, Xattrs xattrs) {

    /** An entry without extended attributes. */
    public TreeEntry(String path, Kind kind, int mode, int uid, int gid, String linkTarget, Path content, long size,
            int linkGroup) {
        this(path, kind, mode, uid, gid, linkTarget, content, size, linkGroup, Xattrs.NONE);
    }

    public enum Kind { DIRECTORY, FILE, SYMLINK }
}
