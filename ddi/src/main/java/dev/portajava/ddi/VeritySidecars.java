package dev.portajava.ddi;

import dev.portajava.ddi.internal.HashTreeLayout;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageFile.Sidecar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The files systemd looks for next to a raw image {@code NAME.raw}: {@code NAME.verity} (the hash device, as
 * {@code veritysetup format} writes it), {@code NAME.roothash} (the root hash in hex, no newline) and, with a key,
 * {@code NAME.roothash.p7s} (the detached PKCS#7 signature of the hex root hash).
 */
public final class VeritySidecars {

    private VeritySidecars() {
    }

    /** Where the sidecars of one image go; the paths must not exist. */
    public record Paths(Path verity, Path rootHash, Optional<Path> signature) {
    }

    /** The sidecar paths of {@code image}, as systemd looks for them ({@link ImageFile#sidecar(Path, Sidecar)}). */
    public static Paths of(Path image) {
        return new Paths(ImageFile.sidecar(image, Sidecar.VERITY), ImageFile.sidecar(image, Sidecar.ROOT_HASH),
                Optional.of(ImageFile.sidecar(image, Sidecar.ROOT_HASH_SIGNATURE)));
    }

    /**
     * Writes the sidecars of {@code filesystem}. A file system whose size is not a multiple of 4096 is first padded
     * with zeros, so that the tree covers all of it.
     */
    public static VerityResult write(Path filesystem, Paths paths, Optional<SigningKey> key) throws DiskImageException {
        return write(filesystem, paths, key, Optional.empty());
    }

    /**
     * As {@link #write(Path, Paths, Optional)}, for a file system whose every write {@code writes} saw: the digests
     * of its blocks, the first level of the hash tree, come from them instead of a read of the whole file system.
     * The sidecars are the same.
     */
    public static VerityResult write(Path filesystem, Paths paths, Optional<SigningKey> key, FileSystemWrites writes)
            throws DiskImageException {
        return write(filesystem, paths, key, Optional.of(writes));
    }

    private static VerityResult write(Path filesystem, Paths paths, Optional<SigningKey> key,
            Optional<FileSystemWrites> writes) throws DiskImageException {
        try (FileChannel data = FileChannel.open(filesystem, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel hash = FileChannel.open(paths.verity(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = data.size();
            if (size == 0) {
                throw new DiskImageException(filesystem + ": the file system image is empty");
            }
            long padded = (size + HashTreeLayout.BLOCK_SIZE - 1) / HashTreeLayout.BLOCK_SIZE * HashTreeLayout.BLOCK_SIZE;
            if (padded > size) {
                data.write(ByteBuffer.allocate((int) (padded - size)), size);
            }
            HashTreeLayout layout = HashTreeLayout.forDataSize(padded);
            RootHash rootHash = FileSystemWrites.writeHashTree(writes, data, 0, layout, hash, 0);
            hash.force(false);
            Files.writeString(paths.rootHash(), rootHash.hex(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            Optional<byte[]> signature = Optional.empty();
            if (key.isPresent() && paths.signature().isPresent()) {
                byte[] pkcs7 = key.get().sign(rootHash.hex().getBytes(StandardCharsets.US_ASCII));
                Files.write(paths.signature().get(), pkcs7, StandardOpenOption.CREATE_NEW);
                signature = Optional.of(pkcs7);
            }
            return new VerityResult(rootHash, padded, layout.hashBytes(), signature);
        } catch (IOException e) {
            throw new DiskImageException("cannot write the verity sidecars of " + filesystem + ": " + e.getMessage(), e);
        }
    }
}
