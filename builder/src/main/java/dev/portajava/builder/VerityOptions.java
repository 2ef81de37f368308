package dev.portajava.builder;

import dev.portajava.ddi.Architecture;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a raw image is protected by dm-verity.
 *
 * @param architecture the partition types of a ddi image
 * @param key the PEM private key that signs the root hash; given together with {@code certificate}
 * @param sidecars write the files systemd looks for next to a raw image: {@code NAME.verity} and
 *     {@code NAME.roothash} (and {@code NAME.roothash.p7s} when signed) for a squashfs, {@code NAME.roothash} (and
 *     {@code .roothash.p7s}) for a ddi
 */
public record VerityOptions(Architecture architecture, Optional<Path> key, Optional<Path> certificate,
        boolean sidecars) {

    public static final VerityOptions NONE =
            new VerityOptions(Architecture.X86_64, Optional.empty(), Optional.empty(), false);

    public VerityOptions {
        if (key.isPresent() != certificate.isPresent()) {
            throw new IllegalArgumentException("a signing key needs its certificate, and a certificate its key");
        }
    }

    public boolean signed() {
        return key.isPresent();
    }
}
