package dev.portajava.attach.local;

import dev.portajava.tree.EntryType;
import dev.portajava.squashfs.SquashfsEntry;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsImage;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a raw squashfs image in Java, without mounting it, resolving its symlinks inside the image. */
public final class SquashfsImageReader implements ImageReader {

    /** Unit files and os-release are small; a bigger one is not what portabled would read either. */
    private static final int MAX_FILE = 4 << 20;

    private final SquashfsImage image;

    private SquashfsImageReader(SquashfsImage image) {
        this.image = image;
    }

    public static SquashfsImageReader open(Path raw) throws IOException {
        try {
            return new SquashfsImageReader(SquashfsImage.open(raw));
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<ImageEntry> list(String directory) throws IOException {
        Optional<SquashfsEntry> entry = entry(directory);
        if (entry.isEmpty() || !entry.get().isDirectory()) {
            return List.of();
        }
        List<ImageEntry> entries = new ArrayList<>();
        try {
            for (SquashfsEntry child : image.list(entry.get())) {
                entries.add(new ImageEntry(child.name(), kind(child.type())));
            }
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
        return entries;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Optional<SquashfsEntry> entry = entry(path);
        if (entry.isEmpty() || !entry.get().isFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(image.readAllBytes(entry.get(), MAX_FILE));
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> resolve(String path) throws IOException {
        return InImagePaths.resolve(path, inImage -> {
            Optional<SquashfsEntry> entry;
            try {
                entry = image.lookup(inImage);
            } catch (SquashfsException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (entry.isEmpty()) {
                return InImagePaths.Node.MISSING;
            }
            return entry.get().type() == EntryType.SYMLINK
                    ? InImagePaths.Node.link(entry.get().symlinkTarget().orElse("")) : InImagePaths.Node.PLAIN;
        });
    }

    @Override
    public void close() throws IOException {
        image.close();
    }

    private Optional<SquashfsEntry> entry(String path) throws IOException {
        Optional<String> resolved = resolve(path);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        try {
            return image.lookup(resolved.get());
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }


    private static Kind kind(EntryType type) {
        return switch (type) {
            case FILE -> Kind.FILE;
            case SYMLINK -> Kind.SYMLINK;
            case DIRECTORY -> Kind.DIRECTORY;
            default -> Kind.OTHER;
        };
    }
}
