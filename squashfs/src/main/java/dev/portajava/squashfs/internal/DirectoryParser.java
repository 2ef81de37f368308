package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;

/** Reads a directory listing: runs of entries behind headers, each entry checked against the inode it names. */
final class DirectoryParser {

    private DirectoryParser() {
    }

    static void list(ImageReader reader, Inode dir, ImageReader.DirectoryVisitor visitor) throws CorruptImageException {
        if (dir.type() != EntryType.DIRECTORY) {
            throw new IllegalArgumentException("not a directory: inode " + dir.number());
        }
        long remaining = dir.size() - 3;
        if (remaining <= 0) {
            return;
        }
        MetadataReader.Cursor c = reader.directoryCursor(dir.start(), dir.offset());
        int entries = 0;
        while (remaining > 0) {
            if (remaining < 12) {
                throw reader.corrupt("directory inode " + dir.number() + " ends inside a header");
            }
            long count = c.u32() + 1;
            long block = c.u32();
            long base = c.u32();
            remaining -= 12;
            if (count > 256) {
                throw reader.corrupt("directory inode " + dir.number() + " has a run of " + count + " entries");
            }
            for (int i = 0; i < count; i++) {
                if (remaining < 8) {
                    throw reader.corrupt("directory inode " + dir.number() + " ends inside an entry");
                }
                int offset = c.u16();
                short delta = (short) c.u16();
                int type = c.u16();
                int nameSize = c.u16() + 1;
                remaining -= 8;
                if (nameSize > 256 || remaining < nameSize) {
                    throw reader.corrupt("directory inode " + dir.number() + " has a name of " + nameSize + " bytes");
                }
                byte[] name = c.bytes(nameSize);
                remaining -= nameSize;
                checkName(reader, dir, name);
                if (++entries > ImageReader.MAX_ENTRIES) {
                    throw reader.corrupt("directory inode " + dir.number() + " has more than "
                            + ImageReader.MAX_ENTRIES + " entries");
                }
                Inode inode = reader.inode(block << 16 | offset);
                if (InodeType.basic(inode.type()) != type || inode.number() != base + delta) {
                    throw reader.corrupt("directory inode " + dir.number() + " names an entry of type " + type
                            + " and number " + (base + delta) + ", its inode has type " + InodeType.basic(inode.type())
                            + " and number " + inode.number());
                }
                visitor.entry(name, inode);
            }
        }
    }

    private static void checkName(ImageReader reader, Inode dir, byte[] name) throws CorruptImageException {
        boolean dots = name.length <= 2 && name[0] == '.' && (name.length == 1 || name[1] == '.');
        boolean bad = dots;
        for (byte b : name) {
            bad |= b == '/' || b == 0;
        }
        if (bad) {
            throw reader.corrupt("directory inode " + dir.number() + " has an entry named '"
                    + ControlCharacters.escapedUnambiguously(FileNames.decode(name)) + "'");
        }
    }
}
