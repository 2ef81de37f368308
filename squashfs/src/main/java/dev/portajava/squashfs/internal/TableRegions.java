package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the superblock says each part of the image lies that is not file data: the superblock, the compressor
 * options, the inode and directory tables, and the fragment, export, id and xattr tables (each a run of metadata
 * blocks followed by the list of their positions the superblock points to). Only the superblock and the tables'
 * own position lists are read, so damage inside a table's metadata does not hide where the table is.
 */
final class TableRegions {

    /** A part of the image: bytes {@code [start, end)}. */
    record Region(String name, long start, long end) {
        boolean overlaps(long from, long to) {
            return start < to && end > from;
        }
    }

    /** A lookup table after the directory table: where its position list starts, how long that list is. */
    private record Table(String name, long pointer, long indexLength) {
    }

    private TableRegions() {
    }

    /** The regions in image order; file data and fragments lie between the last before and the first after. */
    static Layout of(ImageReader reader) throws CorruptImageException {
        Superblock s = reader.superblock();
        long dataStart = Superblock.SIZE;
        List<Region> before = new ArrayList<>();
        before.add(new Region("superblock", 0, Superblock.SIZE));
        if ((s.flags() & Superblock.FLAG_COMPRESSOR_OPTIONS) != 0) {
            byte[] header = reader.read(Superblock.SIZE, 2);
            dataStart = Math.min(s.inodeTableStart(), Superblock.SIZE + 2 + ((header[0] & 0xFF) | (header[1] & 0x7F) << 8));
            before.add(new Region("compression options", Superblock.SIZE, dataStart));
        }
        List<Table> tables = new ArrayList<>();
        if (s.fragmentCount() > 0) {
            tables.add(new Table("fragment table", s.fragmentTableStart(), indexLength(s.fragmentCount() * 16)));
        }
        if (s.exportTableStart() != Superblock.NONE) {
            tables.add(new Table("export table", s.exportTableStart(), indexLength(s.inodeCount() * 8)));
        }
        tables.add(new Table("id table", s.idTableStart(), indexLength(s.idCount() * 4L)));
        if (s.xattrTableStart() != Superblock.NONE && s.xattrTableStart() >= s.directoryTableStart()
                && s.xattrTableStart() < s.bytesUsed()) {
            tables.add(new Table("xattr table", s.xattrTableStart(), 16 + xattrIndexLength(reader, s.xattrTableStart())));
        }
        tables.sort(Comparator.comparingLong(Table::pointer));
        long directoryEnd = firstBlock(reader, tables.get(0));
        List<Region> after = new ArrayList<>();
        after.add(new Region("inode table", s.inodeTableStart(), s.directoryTableStart()));
        after.add(new Region("directory table", s.directoryTableStart(), directoryEnd));
        long start = directoryEnd;
        for (Table table : tables) {
            long end = Math.min(s.bytesUsed(), Math.max(start, table.pointer() + table.indexLength()));
            after.add(new Region(table.name(), start, end));
            start = end;
        }
        return new Layout(before, new Region("data", dataStart, s.inodeTableStart()), after);
    }

    /** The regions before the file data, the file data and fragments, the tables after them. */
    record Layout(List<Region> before, Region data, List<Region> after) {
    }

    private static long indexLength(long entryBytes) {
        return (entryBytes + MetadataWriter.BLOCK - 1) / MetadataWriter.BLOCK * 8;
    }

    /** The xattr id table's list of positions, after its 16-byte header (where the key-value blocks start, count). */
    private static long xattrIndexLength(ImageReader reader, long pointer) {
        try {
            long ids = ByteBuffer.wrap(reader.read(pointer, 16)).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xFFFF_FFFFL;
            return indexLength(ids * 16);
        } catch (CorruptImageException e) {
            return 0;
        }
    }

    /**
     * Where the first table's metadata, and so the end of the directory table, starts: the first position in its
     * list (for the xattr table, where its key-value blocks start: also the first 8 bytes at its pointer), or the
     * list itself when that position is not between the directory table and the list.
     */
    private static long firstBlock(ImageReader reader, Table table) {
        long pointer = table.pointer();
        try {
            long first = ByteBuffer.wrap(reader.read(pointer, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            Superblock s = reader.superblock();
            return first >= s.directoryTableStart() && first <= pointer ? first : pointer;
        } catch (CorruptImageException e) {
            return pointer;
        }
    }
}
