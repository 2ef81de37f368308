package dev.portajava.dist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A .tar, or .tar.gz by its name, written with commons-compress: trees added with their modes (executable or not) and symlinks, every
 * entry owned by root and dated {@code time}, so that the same tree gives the same archive.
 */
final class Tarball implements AutoCloseable {

    private final TarArchiveOutputStream tar;
    private final FileTime time;

    Tarball(Path file, FileTime time) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.toString().endsWith(".gz")) {
            out = new BufferedOutputStream(new GzipCompressorOutputStream(out), 1 << 16);
        }
        this.tar = new TarArchiveOutputStream(out);
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.time = time;
    }

    /** Adds {@code tree}'s entries as {@code prefix/...} ({@code prefix} itself too), parents first. */
    void addTree(Path tree, String prefix) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(tree)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            String relative = tree.relativize(path).toString();
            add(path, relative.isEmpty() ? prefix : prefix + "/" + relative);
        }
    }

    /** Adds the directory {@code name} (without content). */
    void addDirectory(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        entry.setMode(040755);
        put(entry, null);
    }

    /** Adds a symbolic link {@code name} to {@code target}. */
    void addSymlink(String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        entry.setMode(0120777);
        put(entry, null);
    }

    private void add(Path path, String name) throws IOException {
        if (Files.isSymbolicLink(path)) {
            addSymlink(name, Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path)) {
            addDirectory(name);
        } else {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            entry.setMode(permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0100755 : 0100644);
            entry.setSize(Files.size(path));
            put(entry, path);
        }
    }

    private void put(TarArchiveEntry entry, Path content) throws IOException {
        entry.setModTime(time);
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        tar.putArchiveEntry(entry);
        if (content != null) {
            Files.copy(content, tar);
        }
        tar.closeArchiveEntry();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
