package dev.portajava.ddi;

import java.nio.file.Path;

/**
 * A verity image that passed {@link ImageVerifier#verify}.
 *
 * @param layout {@code "ddi"} or {@code "squashfs+sidecars"}
 * @param dataBlocks the 4096-byte blocks the hash tree covers
 * @param signature how far its signature was checked
 */
public record Verification(Path image, String layout, RootHash rootHash, long dataBlocks, SignatureCheck signature) {
}
