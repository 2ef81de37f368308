package dev.portajava.squashfs.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A directory's entries in the directory table: runs of up to 256 entries behind a header naming the metadata block
 * of their inodes and a base inode number. Every time the listing grows past another 8 KiB a new run starts and is
 * indexed, so the kernel can find a name in a large directory without reading all of it (mksquashfs's rule).
 *
 * @param block where the listing starts: its metadata block, relative to the directory table
 * @param offset and its offset in that block
 * @param size the listing's length in bytes
 */
record DirectoryListing(int block, int offset, int size, List<Index> index) {

    private static final int HEADER = 12;
    private static final int ENTRY = 8;

    /** An index entry of an extended directory inode: where a run starts, and its first name. */
    record Index(int offset, int block, byte[] name) {
    }

    static DirectoryListing write(List<TreeInode.TreeEntry> entries, MetadataWriter table) {
        int block = table.blockStart();
        int offset = table.offset();
        LittleEndian listing = new LittleEndian();
        List<Integer> indexAt = new ArrayList<>();
        List<byte[]> indexNames = new ArrayList<>();
        int indexed = 0;
        int headerAt = -1;
        int count = 0;
        long runBlock = -1;
        int runNumber = 0;
        List<byte[]> run = new ArrayList<>();
        int runBytes = 0;
        for (TreeInode.TreeEntry e : entries) {
            TreeInode inode = e.inode();
            long inodeBlock = inode.reference >>> 16;
            int size = ENTRY + e.name().length;
            int p = listing.size() + (run.isEmpty() ? 0 : HEADER + runBytes);
            boolean overflow = headerAt >= 0 && p + size - indexed > MetadataWriter.BLOCK;
            long delta = (long) inode.number - runNumber;
            if (headerAt < 0 || count == 256 || inodeBlock != runBlock || overflow || delta > 32767 || delta < -32768) {
                flushRun(listing, run, count, runBlock, runNumber);
                run.clear();
                runBytes = 0;
                if (overflow) {
                    indexAt.add(listing.size());
                    indexNames.add(e.name());
                    indexed = listing.size();
                }
                headerAt = listing.size();
                count = 0;
                runBlock = inodeBlock;
                runNumber = inode.number;
            }
            LittleEndian entry = new LittleEndian();
            entry.u16((int) (inode.reference & 0xFFFF)).u16(inode.number - runNumber).u16(InodeType.basic(inode.type))
                    .u16(e.name().length - 1).bytes(e.name());
            byte[] bytes = entry.toByteArray();
            run.add(bytes);
            runBytes += bytes.length;
            count++;
        }
        flushRun(listing, run, count, runBlock, runNumber);
        byte[] bytes = listing.toByteArray();
        List<Index> index = new ArrayList<>();
        int written = 0;
        for (int i = 0; i < indexAt.size(); i++) {
            int at = indexAt.get(i);
            table.write(bytes, written, at - written);
            written = at;
            index.add(new Index(at, table.blockStart(), indexNames.get(i)));
        }
        table.write(bytes, written, bytes.length - written);
        return new DirectoryListing(block, offset, bytes.length, List.copyOf(index));
    }

    private static void flushRun(LittleEndian listing, List<byte[]> run, int count, long block, int number) {
        if (run.isEmpty()) {
            return;
        }
        listing.u32(count - 1L).u32(block).u32(number);
        for (byte[] b : run) {
            listing.bytes(b);
        }
    }
}
