package dev.portajava.squashfs;

import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import java.nio.file.Path;

/**
 * The tree holds something the writer was not asked to store, or that squashfs cannot hold: a device node, socket
 * or FIFO, a time out of range, a name too long.
 */
public final class UnsupportedEntryException extends SquashfsException {

    private static final long serialVersionUID = 1L;

    /** A problem with a file of a tree on the build host. */
    public UnsupportedEntryException(Path path, String problem) {
        super(FileNames.printable(path) + ": " + problem);
    }

    /** A problem with an entry of a plan, named by its path in the image. */
    public UnsupportedEntryException(ImagePath path, String problem) {
        super(path.printable() + ": " + problem);
    }

}
