package dev.portajava.ddi;

import java.util.Optional;

/**
 * What writing a verity image produced.
 *
 * @param dataBytes the bytes the hash tree covers (the file system, padded to 4096)
 * @param hashBytes the size of the hash device (superblock and tree)
 * @param signature the detached PKCS#7 (DER) over the hex root hash, when a key was given
 */
public record VerityResult(RootHash rootHash, long dataBytes, long hashBytes, Optional<byte[]> signature) {

    public VerityResult {
        if (dataBytes < 4096 || hashBytes < 4096) {
            throw new IllegalArgumentException("a verity image has at least one data block and a superblock");
        }
        signature = signature.map(byte[]::clone);
    }

    /** The signature, for a {@code .roothash.p7s} sidecar. */
    @Override
    public Optional<byte[]> signature() {
        return signature.map(byte[]::clone);
    }
}
