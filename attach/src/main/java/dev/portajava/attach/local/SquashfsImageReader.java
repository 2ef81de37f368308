package dev.portajava.attach.local;

import dev.portajava.squashfs.SquashfsEntry;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsImage;
import dev.portajava.tree.EntryType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a squashfs file system in Java, without mounting it: a raw image, or a disk image's root partition. */
public final class SquashfsImageReader implements ImageReader {

    private final SquashfsImage image;

    private SquashfsImageReader(SquashfsImage image) {
        this.image = image;
    }

    /** The squashfs that starts {@code offset} bytes into {@code file}. */
    public static SquashfsImageReader open(Path file, long offset) throws IOException {
        try {
            return new SquashfsImageReader(SquashfsImage.open(file, offset));
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The length of the file system, without the padding after it. */
    public long bytesUsed() {
        return image.bytesUsed();
    }

    @Override
    public List<ImageEntry> list(String directory) throws IOException {
        try {
            Optional<SquashfsEntry> entry = image.lookup(directory);
            if (entry.isEmpty() || !entry.get().isDirectory()) {
                return List.of();
            }
            List<ImageEntry> entries = new ArrayList<>();
            for (SquashfsEntry child : image.list(entry.get())) {
                entries.add(new ImageEntry(child.name(), Kind.ofMode(child.type().modeBits())));
            }
            return entries;
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<Stat> stat(String path) throws IOException {
        try {
            Optional<SquashfsEntry> entry = image.lookup(path);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Stat(Kind.ofMode(entry.get().type().modeBits()),
                    entry.get().symlinkTarget().orElse("")));
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(String path, int limit) throws IOException {
        try {
            Optional<SquashfsEntry> entry = image.lookup(path);
            if (entry.isEmpty() || !entry.get().isFile()) {
                throw new IOException(path + " is not a regular file");
            }
            return image.readAllBytes(entry.get(), limit);
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> xattr(String path, String name) throws IOException {
        try {
            Optional<SquashfsEntry> entry = image.lookup(path);
            return entry.isEmpty() ? Optional.empty() : entry.get().xattrs().get(name);
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        image.close();
    }
}
