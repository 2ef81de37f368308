package dev.portajava.squashfs;

import dev.portajava.tree.FileNames;
import java.nio.file.Path;

/** The tree holds something the writer was not asked to store: a device node, socket or FIFO, a time out of range. */
public final class UnsupportedEntryException extends SquashfsException {

    private static final long serialVersionUID = 1L;

    public UnsupportedEntryException(Path path, String problem) {
        super(FileNames.printable(path) + ": " + problem);
    }

}
