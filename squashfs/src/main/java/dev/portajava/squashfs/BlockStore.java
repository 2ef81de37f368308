package dev.portajava.squashfs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link SquashfsWriter} keeps the compressed data blocks of files between builds, so that the next build of
 * the same content writes them again without compressing the file. A file whose content has a known SHA-256
 * ({@link dev.portajava.tree.Content#sha256()}) is not even read; any other file of a block or more is hashed (read,
 * not compressed) and served under its digest, and a fragment block of such files under the digest of its bytes,
 * so a file whose bytes changed, even at the same size, is never given the old blocks.
 *
 * <p>One file in the directory per content and settings: its name is the SHA-256 of the content key, the
 * compressor, its level and the block size, so other settings never reuse data written with these. An entry holds
 * the file's size word and bytes of each data block as the image stores them (sparse blocks as a size of 0 and no
 * bytes) and the raw bytes the file puts in a fragment, with a CRC32C over all of it. An entry is written to a
 * temporary file in the directory and renamed into place, so builds may share the directory; an entry that is
 * short, corrupt or for other settings is not used: the file is read and compressed, and the entry written anew.
 * The store is a cache: when it cannot be written, the image is still written and the store is left as it was.
 * Images written with a store equal, byte for byte, those written without one.
 *
 * <p>Nothing is ever removed from the directory; deleting it, or any file in it, at a time no build uses it is safe.
 */
public final class BlockStore {

    private final Path directory;

    private BlockStore(Path directory) {
        this.directory = directory;
    }

    /** A store in this directory, made when the first entry is written. */
    public static BlockStore inDirectory(Path directory) {
        return new BlockStore(Objects.requireNonNull(directory, "no directory given").toAbsolutePath().normalize());
    }

    /** The directory the entries are in. */
    public Path directory() {
        return directory;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockStore other && other.directory.equals(directory);
    }

    @Override
    public int hashCode() {
        return directory.hashCode();
    }

    @Override
    public String toString() {
        return "BlockStore[" + directory + "]";
    }
}
