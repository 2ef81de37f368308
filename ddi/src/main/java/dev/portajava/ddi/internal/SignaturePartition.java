package dev.portajava.ddi.internal;

import dev.portajava.ddi.RootHash;
import dev.portajava.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of a root-verity-sig partition: the JSON object {@code {"rootHash":…,"certificateFingerprint":…,
 * "signature":…}} padded with NUL bytes to a multiple of 4096.
 *
 * @param certificateFingerprint SHA-256 of the signing certificate's DER, hex
 * @param signature the detached PKCS#7 (DER) over the ASCII hex root hash
 */
public record SignaturePartition(RootHash rootHash, String certificateFingerprint, byte[] signature) {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"\\\\]*)\"");

    public SignaturePartition {
        if (!Sha256.isHex(certificateFingerprint)) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: " + certificateFingerprint);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String json() {
        return "{\"rootHash\":\"" + rootHash.hex() + "\",\"certificateFingerprint\":\"" + certificateFingerprint
                + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(signature) + "\"}";
    }

    /** The partition's bytes: the JSON, then NULs to a multiple of 4096. */
    public byte[] toBytes() {
        byte[] json = json().getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(json, (int) GptLayout.align(json.length, HashTreeLayout.BLOCK_SIZE));
    }

    /** Reads the partition's bytes; empty if they are not such a JSON object. */
    public static Optional<SignaturePartition> parse(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String json = new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{") || !json.endsWith("}")) {
            return Optional.empty();
        }
        String rootHash = null;
        String fingerprint = null;
        String signature = null;
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            switch (matcher.group(1)) {
                case "rootHash" -> rootHash = matcher.group(2);
                case "certificateFingerprint" -> fingerprint = matcher.group(2);
                case "signature" -> signature = matcher.group(2);
                default -> { }
            }
        }
        try {
            return Optional.of(new SignaturePartition(new RootHash(rootHash), fingerprint,
                    Base64.getDecoder().decode(signature)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
