package dev.portajava.builder.internal;

import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.ImageTree;
import dev.portajava.oci.PulledImage;

/**
 * The container image a build starts from: pulled, verified and unpacked in the cache.
 *
 * @param allowSetuid whether the spec keeps setuid and setgid bits
 */
public record BaseImage(PulledImage image, ImageTree tree, CacheDirectory cache, boolean allowSetuid) {
}
