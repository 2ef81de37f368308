package dev.portajava.ddi;

import java.nio.file.Path;

/**
 * An image failed verification: its data does not match its hash tree, its tree does not match its root hash, or
 * its signature does not match the certificate. The message names the first bad block and, where known, the file.
 */
public final class DamagedImageException extends DiskImageException {

    private static final long serialVersionUID = 1L;

    public DamagedImageException(Path image, String problem) {
        super(image + ": " + problem);
    }
}
