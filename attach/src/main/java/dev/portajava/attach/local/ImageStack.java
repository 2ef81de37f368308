package dev.portajava.attach.local;

import dev.portajava.attach.ImageNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A portable image with the extension images layered on it, in order, as {@code --extension} gives them: systemd
 * mounts the extensions over the image ({@code ExtensionImages=}, {@code ExtensionDirectories=}).
 */
public record ImageStack(PortableImage base, List<PortableImage> extensions) {

    public ImageStack {
        extensions = List.copyOf(extensions);
    }

    /** An image alone. */
    public static ImageStack of(PortableImage base) {
        return new ImageStack(base, List.of());
    }

    /**
     * The images the arguments name on {@code tree}, each an absolute path or a bare name looked up in the image
     * search path, as portabled looks them up.
     *
     * @param imagePath the path the base image will have on the host, when it differs from where it is now
     */
    public static ImageStack locate(HostTree tree, String image, List<String> extensions, Optional<String> imagePath)
            throws ImageNotFoundException {
        PortableImage base = PortableImage.locate(tree, image, imagePath);
        List<PortableImage> layers = new ArrayList<>();
        for (String extension : extensions) {
            layers.add(PortableImage.locate(tree, extension, Optional.empty()));
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
        return extensions.stream().map(PortableImage::hostPath).toList();
    }
}
