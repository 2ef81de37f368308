package dev.portajava.builder.internal;

import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A source tree of a build as read from the host: each entry's attributes (a symlink's own), a symlink's target, a
 * directory's entries in the order the directory lists them. Directories are read on a pool of one thread per core,
 * each directory a task (a tree of many small files costs a system call or two per entry). An entry's attributes
 * are read by its name in the directory as opened for listing ({@code fstatat}), not by its whole path: the kernel
 * does not walk the path again for each entry (reading a tree of 100,000 small files took about a tenth less
 * time), and they are the attributes of the entry listed even if a directory above it is replaced meanwhile.
 * Those attributes lack the setuid, setgid and sticky bits: they are read by a second look at a directory and at a
 * file someone may execute, the entries where they mean something (about one in eight of a system's {@code /usr},
 * which adds a twentieth to the time; looking at every entry would add half); on any other file they grant nothing,
 * and are not read.
 * Reading never fails: what cannot be read is kept as the failure of the entry where it happened, so
 * that whoever walks the tree in order meets the same problem first on every run.
 */
final class SourceTree {

    /**
     * One entry. When {@code failure} is set (what reading the entry or listing the directory threw: an
     * {@link IOException}, or the {@link IllegalArgumentException} of a name that is not one), the fields it would
     * have given may be null.
     *
     * @param name the entry's last name as text ({@link FileNames#text}); "" for the root of the tree
     * @param type what the entry is
     * @param size a regular file's size in bytes
     * @param permissions the permission bits, with setuid, setgid and sticky (07777) for a directory and a file
     *     someone may execute
     * @param readable for a regular file: whether this process may read it
     * @param children a directory's entries; null for anything else
     */
    record Entry(Path source, String name, Type type, long size, int permissions, String symlinkTarget,
            boolean readable, List<Entry> children, Exception failure) {

        /** An entry that could not be read. */
        static Entry failed(Path source, String name, Exception failure) {
            return new Entry(source, name, null, 0, 0, null, false, null, failure);
        }
    }

    /** The kinds of entry a tree holds; the attributes they were read from are not kept, as a tree can be large. */
    enum Type {
        DIRECTORY, SYMLINK, FILE, OTHER
    }

    /** The execute bits of owner, group and others. */
    private static final int EXECUTE = 0111;
    /** The setuid, setgid and sticky bits. */
    private static final int SPECIAL = 07000;

    private SourceTree() {
    }

    /** Reads the tree at {@code root}. */
    static Entry read(Path root) {
        Entry entry = entry(root, "", null, null);
        if (entry.children() != null) {
            ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            try {
                pool.invoke(new ReadDirectory(entry));
            } finally {
                pool.shutdown();
            }
        }
        return entry;
    }

    /**
     * The entry at {@code source}, a directory's with an empty list of children, filled later; its attributes read
     * by {@code fileName} in {@code directory} (the open directory it is listed in) when that is given.
     */
    private static Entry entry(Path source, String name, Path fileName, SecureDirectoryStream<Path> directory) {
        try {
            PosixFileAttributes attributes = attributes(source, fileName, directory);
            int permissions = 0;
            for (PosixFilePermission permission : attributes.permissions()) {
                permissions |= 0400 >> permission.ordinal();
            }
            if (attributes.isDirectory() || attributes.isRegularFile() && (permissions & EXECUTE) != 0) {
                permissions |= specialBits(source);
            }
            if (attributes.isDirectory()) {
                return new Entry(source, name, Type.DIRECTORY, 0, permissions, null, false, new ArrayList<>(), null);
            }
            if (attributes.isSymbolicLink()) {
                return new Entry(source, name, Type.SYMLINK, 0, permissions,
                        FileNames.text(Files.readSymbolicLink(source)), false, null, null);
            }
            if (!attributes.isRegularFile()) {
                return new Entry(source, name, Type.OTHER, 0, permissions, null, false, null, null);
            }
            // a file everyone may read is not asked about (an access control list that denies this process is then
            // found when the image is written, which fails it just the same)
            boolean readable = (permissions & 04) != 0 || Files.isReadable(source);
            return new Entry(source, name, Type.FILE, attributes.size(), permissions, null, readable, null, null);
        } catch (IOException | IllegalArgumentException e) {
            return Entry.failed(source, name, e);
        }
    }

    /** The setuid, setgid and sticky bits of {@code source}; none where the file system has no Unix modes. */
    private static int specialBits(Path source) throws IOException {
        try {
            return (Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & SPECIAL;
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }

    /**
     * The attributes of {@code source}, read by its {@code fileName} in {@code directory} when that is given. A
     * failure there names the whole path, as one by the path would: the directory's stream knows the entry's name
     * only.
     */
    private static PosixFileAttributes attributes(Path source, Path fileName, SecureDirectoryStream<Path> directory)
            throws IOException {
        if (directory == null) {
            return Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        try {
            return directory.getFileAttributeView(fileName, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(source.toString(), e.getOtherFile(), e.getReason());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source.toString(), e.getOtherFile(), e.getReason());
        } catch (FileSystemException e) {
            throw new FileSystemException(source.toString(), e.getOtherFile(), e.getReason());
        }
    }

    /** Lists a directory and reads its entries' attributes; each directory below is a task of its own. */
    private static final class ReadDirectory extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Entry directory;

        ReadDirectory(Entry directory) {
            this.directory = directory;
        }

        @Override
        protected void compute() {
            List<ReadDirectory> below = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory.source())) {
                // Linux's directory streams are secure ones; another system's are read by whole paths
                SecureDirectoryStream<Path> open = listing instanceof SecureDirectoryStream<Path> secure ? secure
                        : null;
                for (Path source : listing) {
                    // its last name, taken once: each Path.getFileName makes a path of its own
                    Path fileName = source.getFileName();
                    Entry entry;
                    try {
                        entry = entry(source, FileNames.text(fileName), fileName, open);
                    } catch (IllegalArgumentException e) {
                        entry = Entry.failed(source, null, e);
                    }
                    directory.children().add(entry);
                    if (entry.children() != null) {
                        ReadDirectory read = new ReadDirectory(entry);
                        read.fork();
                        below.add(read);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                directory.children().add(Entry.failed(directory.source(), null,
                        e instanceof DirectoryIteratorException d ? d.getCause() : e));
            }
            for (ReadDirectory read : below) {
                read.join();
            }
        }
    }
}
