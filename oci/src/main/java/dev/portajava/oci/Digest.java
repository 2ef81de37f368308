package dev.portajava.oci;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as OCI writes it: {@code sha256:} and 64 lower-case hex digits. Only SHA-256 is accepted: it is
 * what registries and {@code docker save} use, and a digest we cannot verify is one we must not trust.
 */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + hex + "' is not 64 lower-case hex digits");
        }
    }

    /** Parses {@code sha256:HEX}. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new IllegalArgumentException("'" + text + "' is not a sha256 digest (sha256:<64 hex digits>)");
        }
        return new Digest(text.substring("sha256:".length()));
    }

    /** The digest of a finished {@link MessageDigest} over SHA-256. */
    public static Digest of(MessageDigest sha256) {
        return new Digest(HexFormat.of().formatHex(sha256.digest()));
    }

    /** {@code sha256:} and the first 12 hex digits, for messages. */
    public String shortForm() {
        return "sha256:" + hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
