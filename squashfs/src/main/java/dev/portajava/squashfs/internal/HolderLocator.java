package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names what a byte range of an image holds: the files whose data blocks or fragment block overlap it, and the
 * superblock parts and tables it crosses. Files are found by walking the tree (each directory once, at most
 * {@link #MAX_ENTRIES} entries, each file's block list read once); data blocks are never read, so a damaged one
 * does not stop the walk. When the tree cannot be read, the tables are still named.
 */
public final class HolderLocator {

    /** How many entries the walk looks at before it stops and names what it found so far. */
    static final int MAX_ENTRIES = 4 << 20;

    /** How many file names a description lists before it counts the rest. */
    private static final int NAMED = 5;

    private final ImageReader reader;
    private final long from;
    private final long to;
    private final Map<Long, Boolean> fragmentOverlaps = new HashMap<>();
    private final Map<Long, Boolean> fileOverlaps = new HashMap<>();

    private HolderLocator(ImageReader reader, long from, long to) {
        this.reader = reader;
        this.from = from;
        this.to = to;
    }

    /**
     * What bytes {@code [from, to)} of the file system hold, such as "/usr/bin/payload and the squashfs inode
     * table"; empty when nothing does (the padding after the file system).
     */
    public static Optional<String> describe(ImageReader reader, long from, long to) throws CorruptImageException {
        TableRegions.Layout layout = TableRegions.of(reader);
        List<String> files = new ArrayList<>();
        if (layout.data().overlaps(from, to)) {
            try {
                new HolderLocator(reader, from, to).walk(files);
            } catch (CorruptImageException e) {
                files.clear(); // the damage is in the tables themselves: name the tables only
            }
        }
        List<String> parts = new ArrayList<>();
        names(layout.before(), from, to).ifPresent(names -> parts.add("the squashfs " + names));
        if (!files.isEmpty()) {
            parts.add(String.join(", ", files.subList(0, Math.min(files.size(), NAMED)))
                    + (files.size() > NAMED ? " and " + (files.size() - NAMED) + " more" : ""));
        }
        names(layout.after(), from, to).ifPresent(names -> parts.add("the squashfs " + names));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    /** "a", "a and b", "a, b and c": the regions that overlap the range. */
    private static Optional<String> names(List<TableRegions.Region> regions, long from, long to) {
        List<String> names = regions.stream().filter(r -> r.overlaps(from, to)).map(TableRegions.Region::name).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        int last = names.size() - 1;
        return Optional.of(last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " and " + names.get(last));
    }

    private void walk(List<String> hits) throws CorruptImageException {
        Inode root = reader.root();
        if (root.type() != EntryType.DIRECTORY) {
            throw reader.corrupt("the root inode is not a directory");
        }
        Deque<Directory> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.push(new Directory("", root));
        seen.add(root.reference());
        int[] budget = {MAX_ENTRIES};
        while (!todo.isEmpty() && budget[0] > 0) {
            Directory directory = todo.pop();
            reader.list(directory.inode(), (name, inode) -> {
                if (--budget[0] < 0) {
                    return;
                }
                String path = directory.path() + "/" + ControlCharacters.escapedUnambiguously(FileNames.decode(name));
                if (inode.type() == EntryType.DIRECTORY && seen.add(inode.reference())) {
                    todo.push(new Directory(path, inode));
                } else if (inode.type() == EntryType.FILE && holds(inode)) {
                    hits.add(path);
                }
            });
        }
        hits.sort(null);
    }

    private record Directory(String path, Inode inode) {
    }

    /** Whether a file's blocks or its fragment block overlap the range; sparse blocks hold nothing. */
    private boolean holds(Inode file) throws CorruptImageException {
        Boolean known = fileOverlaps.get(file.reference());
        if (known == null) {
            known = blocksOverlap(file) || file.hasFragment() && fragmentOverlaps(file.fragment());
            fileOverlaps.put(file.reference(), known);
        }
        return known;
    }

    private boolean blocksOverlap(Inode file) throws CorruptImageException {
        long blocks = FileDataStream.blockCount(reader, file);
        if (blocks == 0 || file.start() >= to) {
            return false;
        }
        MetadataReader.Cursor sizes = reader.blockListCursor(file);
        long end = file.start();
        long past = Math.max(from, file.start());
        for (long i = 0; i < blocks && end <= past; i++) {
            long sizeWord = sizes.u32();
            if ((sizeWord & ~0x01FF_FFFFL) != 0) {
                throw reader.corrupt("file inode " + file.number() + " has block size word "
                        + Long.toHexString(sizeWord));
            }
            end += sizeWord & 0x00FF_FFFF;
        }
        return end > past;
    }

    private boolean fragmentOverlaps(long index) throws CorruptImageException {
        Boolean known = fragmentOverlaps.get(index);
        if (known == null) {
            FragmentTable.Location location = reader.fragmentLocation(index);
            known = location.start() < to && location.start() + location.length() > from;
            fragmentOverlaps.put(index, known);
        }
        return known;
    }
}
