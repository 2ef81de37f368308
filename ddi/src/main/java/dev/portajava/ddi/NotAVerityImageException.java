package dev.portajava.ddi;

import java.nio.file.Path;

/** The file given to verify is neither a disk image with root and root-verity partitions nor a squashfs with sidecars. */
public final class NotAVerityImageException extends DiskImageException {

    private static final long serialVersionUID = 1L;

    public NotAVerityImageException(Path image, String problem) {
        super(image + ": " + problem);
    }

}
