package dev.portajava.ddi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A verity image that passed {@link ImageVerifier#verify}.
 *
 * @param layout {@code "ddi"} or {@code "squashfs+sidecars"}
 * @param dataBlocks the 4096-byte blocks the hash tree covers
 * @param signedBy the subject of the certificate the signature was checked against, when one was given
 * @param signaturePresent whether the image carries a signature (checked only against a given certificate)
 */
public record Verification(Path image, String layout, RootHash rootHash, long dataBlocks, Optional<String> signedBy,
        boolean signaturePresent) {
}
