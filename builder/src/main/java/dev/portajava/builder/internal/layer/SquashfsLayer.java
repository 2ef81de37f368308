package dev.portajava.builder.internal.layer;

import dev.portajava.builder.internal.launch.BytesChannel;
import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.squashfs.SquashfsEntry;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsImage;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A squashfs file system read in Java, without mounting it: a raw image, or a disk image's root partition. */
final class SquashfsLayer implements ImageLayer {

    /** The largest file a check reads whole: ELF headers and scripts, never more. */
    private static final int MAX_READ = 1 << 30;

    private final SquashfsImage image;

    SquashfsLayer(SquashfsImage image) {
        this.image = image;
    }

    @Override
    public InImagePaths.Node node(String path) throws IOException {
        Optional<SquashfsEntry> entry = entry(path);
        if (entry.isEmpty()) {
            return InImagePaths.Node.MISSING;
        }
        return entry.get().symlinkTarget().map(InImagePaths.Node::link).orElse(InImagePaths.Node.PLAIN);
    }

    @Override
    public Optional<ImageFiles.RegularFile> regularFile(String path) throws IOException {
        return entry(path).filter(SquashfsEntry::isFile)
                .map(e -> new ImageFiles.RegularFile(e.size(), (e.permissions() & 0111) != 0));
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        SquashfsEntry file = entry(path).filter(SquashfsEntry::isFile).orElseThrow(() -> new NoSuchFileException(path));
        try {
            return new BytesChannel(image.readAllBytes(file, MAX_READ));
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        Optional<SquashfsEntry> directory = entry(path).filter(SquashfsEntry::isDirectory);
        if (directory.isEmpty()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (SquashfsEntry child : image.list(directory.get())) {
                names.add(child.name());
            }
            return names;
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    void close() throws IOException {
        image.close();
    }

    private Optional<SquashfsEntry> entry(String path) throws IOException {
        try {
            return image.lookup(path);
        } catch (SquashfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
