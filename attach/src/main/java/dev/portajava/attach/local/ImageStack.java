package dev.portajava.attach.local;

import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A portable image with the extension images layered on it, in order, as {@code --extension} gives them: systemd
 * mounts the extensions over the image ({@code ExtensionImages=}, {@code ExtensionDirectories=}).
 */
public record ImageStack(PortableImage base, List<PortableImage> extensions) {

    public ImageStack {
        extensions = List.copyOf(extensions);
    }

    /**
     * The images the arguments name on {@code tree}, each an absolute path or a bare name looked up in the image
     * search path, as portabled looks them up. Two extensions of the same name are refused, as portabled refuses
     * them.
     *
     * @param imagePath the path the base image will have on the host, when it differs from where it is now
     */
    public static ImageStack locate(HostTree tree, String image, List<String> extensions, Optional<String> imagePath)
            throws ImageNotFoundException, InvalidImageException {
        PortableImage base = PortableImage.locate(tree, image, imagePath);
        List<PortableImage> layers = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (String extension : extensions) {
            if (tree.offline() && extension.startsWith("/")
                    && tree.hostPath(java.nio.file.Path.of(extension).normalize()).isEmpty()) {
                throw new ImageNotFoundException("extension image " + extension + " is outside the root "
                        + tree.root() + "; put it inside the root, where systemd will find it when that root runs");
            }
            PortableImage layer = PortableImage.locate(tree, extension, Optional.empty());
            String name = layer.stem();
            String other = names.putIfAbsent(name, layer.hostPath());
            if (other != null) {
                throw new InvalidImageException("extension images " + other + " and " + layer.hostPath()
                        + " have the same name '" + name + "'; portabled takes each extension name once");
            }
            layers.add(layer);
        }
        return new ImageStack(base, layers);
    }

    /** The base image, then the extensions, in order: the images the drop-in marker names. */
    public List<PortableImage> all() {
        List<PortableImage> all = new ArrayList<>(List.of(base));
        all.addAll(extensions);
        return all;
    }

    /** The host paths of the extensions, in order. */
    public List<String> extensionPaths() {
        return PortableImage.hostPaths(extensions);
    }
}
