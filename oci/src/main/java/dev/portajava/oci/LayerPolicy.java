package dev.portajava.oci;

/**
 * What a layer may contain beyond the plain.
 *
 * @param allowSetuid whether setuid and setgid bits are kept; when false, a file carrying one is refused
 * @param maxFileSize the largest regular file accepted, in bytes
 * @param maxTotalSize the largest sum of the regular files of one layer, in bytes
 * @param maxEntries the most entries one layer may have
 */
public record LayerPolicy(boolean allowSetuid, long maxFileSize, long maxTotalSize, long maxEntries) {

    /** Setuid refused; files up to 16 GiB, layers up to 64 GiB and 2 million entries. */
    public static LayerPolicy defaults() {
        return new LayerPolicy(false, 16L << 30, 64L << 30, 2_000_000);
    }

    public LayerPolicy withAllowSetuid(boolean allow) {
        return new LayerPolicy(allow, maxFileSize, maxTotalSize, maxEntries);
    }
}
