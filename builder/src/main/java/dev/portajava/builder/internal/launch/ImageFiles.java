package dev.portajava.builder.internal.launch;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * The files of an image as a program started from it sees them: paths are absolute paths of the image, and
 * symlinks are followed inside the image, never on the machine that reads it. Paths given to
 * {@link #regularFile}, {@link #open} and {@link #list} are resolved ones, as {@link #resolve} returns them.
 */
public interface ImageFiles {

    /** A regular file of the image: its size, and whether any of its execute bits is set. */
    record RegularFile(long size, boolean executable) {
    }

    /**
     * The absolute path, without symlinks, that {@code path} names in the image ({@code ..} stops at the root); empty
     * if some part of it does not exist or the symlinks loop.
     */
    Optional<String> resolve(String path);

    /** The regular file at a resolved path; empty if there is none there (nothing, a directory, a device …). */
    Optional<RegularFile> regularFile(String resolved);

    /** Opens the regular file at a resolved path for reading. */
    SeekableByteChannel open(String resolved) throws IOException;

    /** The names in the directory at a resolved path, sorted; empty if it is not a directory. */
    List<String> list(String resolved) throws IOException;
}
