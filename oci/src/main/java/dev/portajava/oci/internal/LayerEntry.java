package dev.portajava.oci.internal;

import dev.portajava.tree.Xattrs;

/**
 * One entry of a layer as its tar has it, checked and normalised; the unit a layer's index is made of.
 *
 * @param type what the entry does
 * @param path the normalised path ({@code usr/bin/env}); for a whiteout the path it removes, for an opaque marker the
 *     directory it empties ({@code ""} for the root)
 * @param name the entry's name as the tar wrote it, for messages
 * @param mode the permission bits ({@code 07777})
 * @param uid the owner
 * @param gid the group
 * @param target a symlink's target as written; a hard link's target, normalised; else empty
 * @param size a regular file's size; else 0
 * @param content a regular file's SHA-256 (64 hex digits), its name in the content store; else null
 * @param xattrs a directory's, file's or symlink's extended attributes (those a squashfs image holds); else none
 */
public record LayerEntry(Type type, String path, String name, int mode, int uid, int gid, String target, long size,
        String content, Xattrs xattrs) {

    public enum Type { DIRECTORY, FILE, SYMLINK, HARDLINK, WHITEOUT, OPAQUE }
}
