package dev.portajava.ddi;

import java.util.Optional;

/**
 * What {@link ImageVerifier} found out about an image's signature. A signature that does not verify is never a
 * check: it fails the verification as damaged.
 *
 * @param signer the subject of the certificate the signature verified with
 * @param certificateFingerprint the SHA-256 of that certificate's DER, in hex
 */
public record SignatureCheck(Status status, Optional<String> signer, Optional<String> certificateFingerprint) {

    public enum Status {
        /** The image carries no signature. */
        UNSIGNED,
        /** Signed, but nothing to check the signature with: no certificate was given and the signature carries none. */
        NOT_CHECKED,
        /**
         * The signature verifies with the certificate it carries: the image is as its signer made it, but nothing
         * says who the signer is, as no certificate was given.
         */
        INTACT,
        /** The signature verifies with the certificate given: its key made it. */
        TRUSTED
    }

    public SignatureCheck {
        if (signer.isPresent() != (status == Status.INTACT || status == Status.TRUSTED)) {
            throw new IllegalArgumentException("a signer is known exactly when the signature verified");
        }
    }

    static SignatureCheck unsigned() {
        return new SignatureCheck(Status.UNSIGNED, Optional.empty(), Optional.empty());
    }

    static SignatureCheck notChecked() {
        return new SignatureCheck(Status.NOT_CHECKED, Optional.empty(), Optional.empty());
    }

    public boolean signed() {
        return status != Status.UNSIGNED;
    }
}
