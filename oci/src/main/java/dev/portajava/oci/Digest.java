package dev.portajava.oci;

import dev.portajava.digest.Sha256;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A content digest as OCI writes it: {@code sha256:} and 64 lower-case hex digits. Only SHA-256 is accepted: it is
 * what registries and {@code docker save} use, and a digest we cannot verify is one we must not trust.
 */
public record Digest(String hex) {

    public Digest {
        if (!Sha256.isHex(hex)) {
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

    /**
     * The digest a file's name spells in hex between {@code prefix} and {@code suffix}, as {@code docker save} names
     * blobs ({@code blobs/sha256/HEX}) and configs ({@code HEX.json}); empty if the name is not of that form.
     */
    public static Optional<Digest> named(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix)
                || name.length() != prefix.length() + Sha256.HEX_DIGITS + suffix.length()) {
            return Optional.empty();
        }
        String hex = name.substring(prefix.length(), prefix.length() + Sha256.HEX_DIGITS);
        return Sha256.isHex(hex) ? Optional.of(new Digest(hex)) : Optional.empty();
    }

    /** The digest of a finished {@link MessageDigest} over SHA-256. */
    public static Digest of(MessageDigest sha256) {
        return new Digest(Sha256.hex(sha256));
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
