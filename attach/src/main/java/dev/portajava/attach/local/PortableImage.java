package dev.portajava.attach.local;

import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as it is attached.
 *
 * @param onDisk where it is now
 * @param hostPath the path the host will see: the drop-in and the /etc/portables link point there
 * @param directory true for a directory image ({@code RootDirectory=}), false for a raw image ({@code RootImage=})
 */
public record PortableImage(Path onDisk, String hostPath, boolean directory) {

    public PortableImage {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("image path '" + hostPath + "' is not absolute");
        }
    }

    /**
     * The image an argument names on {@code tree}: an absolute path, or a bare name looked up, as portabled looks it
     * up, in the image search path ({@code NAME.raw}, then the directory {@code NAME}).
     *
     * @param imagePath the path the host will see, when it differs from where the image is now
     * @throws InvalidImageException when the image's file name, or that of {@code imagePath}, gives no valid image
     *     name ({@link #nameOf})
     */
    public static PortableImage locate(HostTree tree, String argument, Optional<String> imagePath)
            throws ImageNotFoundException, InvalidImageException {
        if (!argument.startsWith("/")) {
            nameOf(argument);
        }
        PortableImage image = find(tree, argument, imagePath);
        String onDisk = image.onDisk().toString();
        boolean renamed = !Objects.equals(Path.of(image.hostPath()).getFileName(), image.onDisk().getFileName());
        nameOf(image.hostPath(), renamed ? onDisk + " (attached as " + image.hostPath() + ")" : onDisk);
        return image;
    }

    private static PortableImage find(HostTree tree, String argument, Optional<String> imagePath)
            throws ImageNotFoundException {
        if (argument.startsWith("/")) {
            Path onDisk = Path.of(argument).normalize();
            if (!Files.exists(onDisk)) {
                throw notFound(tree, argument);
            }
            Optional<String> host = imagePath.isPresent() ? imagePath
                    : tree.offline() ? tree.hostPath(onDisk) : Optional.of(onDisk.toString());
            if (host.isEmpty()) {
                throw new ImageNotFoundException("image " + onDisk + " is outside the root " + tree.root()
                        + "; say with --image-path where it will be when that root runs");
            }
            return new PortableImage(onDisk, host.get(), Files.isDirectory(onDisk));
        }
        for (String directory : tree.imagePath()) {
            for (ImageFile candidate : ImageFile.lookup(argument)) {
                String host = directory + "/" + candidate.fileName();
                Path onDisk = tree.onDisk(host);
                if (Files.exists(onDisk)) {
                    return new PortableImage(onDisk, imagePath.orElse(host), Files.isDirectory(onDisk));
                }
            }
        }
        throw notFound(tree, argument);
    }

    private static ImageNotFoundException notFound(HostTree tree, String argument) {
        return new ImageNotFoundException(argument + ": no such image; give the path of a .raw image or an image"
                + " directory, or the name of one in " + String.join(", ", tree.imagePath()));
    }

    /**
     * The name of the image an argument stands for, a path or a bare name alike: that of its file name
     * ({@link ImageFile#name()}), which portabled derives the default unit prefix from and detach matches on.
     *
     * @throws InvalidImageException naming the argument, when it has no file name or that gives no valid image name
     *     ({@code hello x.raw}, {@code hello%n.raw}, {@code _1.raw}): portablectl refuses it, and systemd would
     *     expand a specifier such as {@code %n} in the drop-in's {@code RootImage=}
     */
    public static ImageName nameOf(String argument) throws InvalidImageException {
        return nameOf(argument, argument);
    }

    private static ImageName nameOf(String argument, String described) throws InvalidImageException {
        try {
            Optional<ImageFile> file = ImageFile.named(Path.of(argument));
            if (file.isEmpty()) {
                throw new InvalidImageException(described + ": no file name to take an image name from");
            }
            return file.get().name();
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(described + ": " + e.getMessage(), e);
        }
    }

    /** The file name, as in {@code PORTABLE=hello_1.raw}. */
    public String fileName() {
        return Path.of(hostPath).getFileName().toString();
    }

    /** The file name without {@code .raw}, as systemd names the image: {@code hello_1} for {@code hello_1.raw}. */
    public String stem() {
        return ImageFile.of(Path.of(hostPath)).stem();
    }

    public ImageName name() {
        return ImageFile.of(Path.of(hostPath)).name();
    }

    /** The host paths of {@code images}, in order. */
    static List<String> hostPaths(List<PortableImage> images) {
        List<String> paths = new ArrayList<>(images.size());
        for (PortableImage image : images) {
            paths.add(image.hostPath());
        }
        return List.copyOf(paths);
    }
}
