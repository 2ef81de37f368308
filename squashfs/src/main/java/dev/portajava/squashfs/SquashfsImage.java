package dev.portajava.squashfs;

import dev.portajava.squashfs.internal.HolderLocator;
import dev.portajava.squashfs.internal.ImageBytes;
import dev.portajava.squashfs.internal.ImageReader;
import dev.portajava.squashfs.internal.Inode;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.HostFiles;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A squashfs image opened for reading, without mounting it and without root: list, stat and read its entries.
 * Reads images written by {@link SquashfsWriter} or by mksquashfs, compressed with gzip, xz, lz4 or zstd. A damaged
 * image gives a {@link CorruptImageException} naming the image and the problem.
 *
 * <pre>
 * try (SquashfsImage image = SquashfsImage.open(Path.of("hello.raw"))) {
 *     SquashfsEntry release = image.lookup("/usr/lib/os-release").orElseThrow();
 *     String text = new String(image.readAllBytes(release, 1 &lt;&lt; 20), UTF_8);
 * }
 * </pre>
 */
public final class SquashfsImage implements Closeable {

    private static final int LOOKUP_DIRECTORIES = 32;

    private final ImageReader reader;
    private volatile SquashfsEntry root;
    private final Map<String, Map<String, SquashfsEntry>> lookedIn = new LinkedHashMap<>(LOOKUP_DIRECTORIES * 2,
            0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, SquashfsEntry>> eldest) {
            return size() > LOOKUP_DIRECTORIES;
        }
    };

    private SquashfsImage(ImageReader reader) {
        this.reader = reader;
    }

    public static SquashfsImage open(Path image) throws SquashfsException {
        return open(image, 0);
    }

    /**
     * The file system that starts {@code offset} bytes into {@code image}, such as a disk image's root partition.
     * Every position this class takes or gives ({@link #holderOf}, {@link #bytesUsed}) is relative to that start.
     */
    public static SquashfsImage open(Path image, long offset) throws SquashfsException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        String name = offset == 0 ? image.toString() : image + " (at byte " + offset + ")";
        HostFiles.PositionalFile file;
        try {
            file = HostFiles.openForReading(image);
        } catch (IOException e) {
            throw new SquashfsException("cannot open " + image + ": " + e, e);
        }
        try {
            return new SquashfsImage(ImageReader.open(ImageBytes.of(file, offset, name)));
        } catch (CorruptImageException | RuntimeException e) {
            try {
                file.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** An image held in memory; {@code name} is how messages call it. */
    public static SquashfsImage open(byte[] image, String name) throws CorruptImageException {
        return new SquashfsImage(ImageReader.open(ImageBytes.of(image, name)));
    }

    public Compression compression() {
        return reader.superblock().compression();
    }

    public int blockSize() {
        return reader.superblock().blockSize();
    }

    public long inodeCount() {
        return reader.superblock().inodeCount();
    }

    /** The file system's own time (mksquashfs -mkfs-time), seconds since 1970. */
    public long modificationTime() {
        return reader.superblock().modificationTime();
    }

    /** The length of the file system, without the padding after it. */
    public long bytesUsed() {
        return reader.superblock().bytesUsed();
    }

    /**
     * What bytes {@code [from, to)} of the file system hold: the files whose data blocks or fragment block overlap
     * them ("/usr/bin/payload", several separated by commas, past five "and 3 more"), and the parts of the squashfs
     * they cross ("the squashfs superblock", "the squashfs inode table", "the squashfs directory table and id table"…),
     * joined by "and". Empty when nothing does (the padding after {@link #bytesUsed}). Offsets are relative to the
     * file system's start. Data blocks are not read, so damage in them does not matter; when the tree cannot be
     * read, only the tables are named.
     *
     * @throws CorruptImageException when not even the tables can be placed
     */
    public Optional<String> holderOf(long from, long to) throws CorruptImageException {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a byte range: " + from + " to " + to);
        }
        return HolderLocator.describe(reader, from, to);
    }

    /** The root directory; read once, as every lookup starts there. */
    public SquashfsEntry root() throws CorruptImageException {
        SquashfsEntry entry = root;
        if (entry == null) {
            Inode inode = reader.root();
            if (inode.type() != EntryType.DIRECTORY) {
                throw new CorruptImageException(reader.name() + ": the root inode is not a directory");
            }
            entry = entry("/", inode, reader);
            root = entry; // threads that race here read the same inode
        }
        return entry;
    }

    /** A directory's entries, in the image's order (names sorted by their bytes). */
    public List<SquashfsEntry> list(SquashfsEntry directory) throws CorruptImageException {
        if (!directory.isDirectory()) {
            throw new IllegalArgumentException(directory.path() + " is not a directory");
        }
        List<SquashfsEntry> entries = new ArrayList<>();
        String prefix = directory.path().equals("/") ? "/" : directory.path() + "/";
        reader.list(reader.inode(directory.reference()), new ImageReader.DirectoryVisitor() {
            @Override
            public void entry(byte[] name, Inode inode) throws CorruptImageException {
                entries.add(SquashfsImage.entry(prefix + FileNames.decode(name), inode, reader));
            }
        });
        return entries;
    }

    /**
     * The entry at an absolute path; symlinks are not followed, not even in the middle of the path. The last
     * {@value #LOOKUP_DIRECTORIES} directories looked in are kept by name: reading an image resolves many paths
     * that share their parents (unit directories, os-release, drop-ins), one name at a time.
     */
    public Optional<SquashfsEntry> lookup(String path) throws CorruptImageException {
        SquashfsEntry current = root();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (!current.isDirectory()) {
                return Optional.empty();
            }
            SquashfsEntry found = byName(current).get(name);
            if (found == null) {
                return Optional.empty();
            }
            current = found;
        }
        return Optional.of(current);
    }

    private Map<String, SquashfsEntry> byName(SquashfsEntry directory) throws CorruptImageException {
        synchronized (lookedIn) {
            Map<String, SquashfsEntry> entries = lookedIn.get(directory.path());
            if (entries == null) {
                entries = new HashMap<>();
                for (SquashfsEntry entry : list(directory)) {
                    entries.putIfAbsent(entry.name(), entry);
                }
                lookedIn.put(directory.path(), entries);
            }
            return entries;
        }
    }

    /**
     * Visits every entry, the root first, each directory before its entries. A directory that appears twice (a loop)
     * is an error.
     */
    public void walk(Visitor visitor) throws SquashfsException {
        Deque<SquashfsEntry> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.push(root());
        while (!todo.isEmpty()) {
            SquashfsEntry entry = todo.pop();
            if (!visitor.visit(entry) || !entry.isDirectory()) {
                continue;
            }
            if (!seen.add(entry.reference())) {
                throw new CorruptImageException(reader.name() + ": directory " + entry.path()
                        + " appears twice in the tree (a loop)");
            }
            List<SquashfsEntry> children = list(entry);
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
    }

    /** A file's contents; a damaged block ends it with an IOException caused by a {@link CorruptImageException}. */
    public InputStream open(SquashfsEntry file) throws CorruptImageException {
        if (!file.isFile()) {
            throw new IllegalArgumentException(file.path() + " is not a regular file");
        }
        return reader.data(reader.inode(file.reference()));
    }

    /** Copies a file's contents to {@code out}. */
    public void copy(SquashfsEntry file, OutputStream out) throws SquashfsException {
        try (InputStream in = open(file)) {
            in.transferTo(out);
        } catch (IOException e) {
            if (e.getCause() instanceof CorruptImageException corrupt) {
                throw corrupt;
            }
            throw new SquashfsException(reader.name() + ": cannot copy " + file.path() + ": " + e, e);
        }
    }

    /** A file's contents, refusing files longer than {@code limit} bytes. */
    public byte[] readAllBytes(SquashfsEntry file, int limit) throws SquashfsException {
        if (file.size() > limit) {
            throw new SquashfsException(reader.name() + ": " + file.path() + " has " + file.size()
                    + " bytes, more than " + limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.size());
        copy(file, out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static SquashfsEntry entry(String path, Inode inode, ImageReader reader) throws CorruptImageException {
        Optional<String> target = inode.target() == null ? Optional.empty()
                : Optional.of(FileNames.decode(inode.target()));
        return new SquashfsEntry(path, inode.type(), inode.permissions(), inode.uid(), inode.gid(), inode.mtime(),
                inode.size(), inode.linkCount(), inode.number(), target, inode.device(), inode.reference(),
                reader.xattrs(inode));
    }

    /** Receives the entries of {@link #walk}. */
    @FunctionalInterface
    public interface Visitor {
        /** Returns false to skip a directory's entries. */
        boolean visit(SquashfsEntry entry) throws SquashfsException;
    }
}
