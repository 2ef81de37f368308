package dev.portajava.builder.internal.layer;

import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The files a service sees when systemd lays an extension over a base image ({@code ExtensionImages=}): below the
 * extension's hierarchies ({@code /usr}, {@code /opt}) an entry of the extension hides the base's (directories of
 * both merge, as in an overlay file system); everything else is the base's. Symlinks are followed across both, never
 * on the build host. A layer that cannot be read ends a lookup with an {@link UncheckedIOException}.
 */
public final class LayeredImageFiles implements ImageFiles {

    private final ImageLayer upper;
    private final List<String> hierarchies;
    private final ImageLayer lower;

    /**
     * @param upper the extension
     * @param hierarchies the top-level directories of the extension that are laid over the base, such as "usr"
     * @param lower the base image
     */
    public LayeredImageFiles(ImageLayer upper, List<String> hierarchies, ImageLayer lower) {
        this.upper = upper;
        this.hierarchies = List.copyOf(hierarchies);
        this.lower = lower;
    }

    /** One image's files alone. */
    public static LayeredImageFiles of(ImageLayer layer) {
        return new LayeredImageFiles(ImageLayer.EMPTY, List.of(), layer);
    }

    @Override
    public Optional<String> resolve(String path) {
        try {
            return InImagePaths.resolve(path, p -> p.equals("/") ? InImagePaths.Node.PLAIN : layerOf(p).node(p));
        } catch (IOException e) {
            return Optional.empty(); // a loop, or a name no file can have
        }
    }

    @Override
    public Optional<RegularFile> regularFile(String resolved) {
        try {
            return layerOf(resolved).regularFile(resolved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SeekableByteChannel open(String resolved) throws IOException {
        return layerOf(resolved).open(resolved);
    }

    @Override
    public List<String> list(String resolved) throws IOException {
        if (!laidOver(resolved)) {
            return lower.list(resolved);
        }
        if (upper.regularFile(resolved).isPresent() || upper.node(resolved).linkTarget().isPresent()) {
            return List.of(); // the extension's file hides the base's directory
        }
        TreeSet<String> names = new TreeSet<>(upper.list(resolved));
        names.addAll(lower.list(resolved));
        return List.copyOf(names);
    }

    /** The layer whose entry is at {@code path}. */
    private ImageLayer layerOf(String path) throws IOException {
        return laidOver(path) && upper.node(path).exists() ? upper : lower;
    }

    private boolean laidOver(String path) {
        return hierarchies.stream().anyMatch(top -> path.equals("/" + top) || path.startsWith("/" + top + "/"));
    }
}
