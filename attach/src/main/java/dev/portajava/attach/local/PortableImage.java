package dev.portajava.attach.local;

import dev.portajava.name.ImageName;
import java.nio.file.Path;

/**
 * An image as the native backend attaches it.
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

    /** The file name, as in {@code PORTABLE=hello_1.raw}. */
    public String fileName() {
        return Path.of(hostPath).getFileName().toString();
    }

    public ImageName name() {
        return ImageName.ofPath(Path.of(hostPath));
    }
}
