package dev.portajava.builder.internal;

import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.ImageTree;
import dev.portajava.oci.PulledImage;

/**
 * The container image a build starts from: pulled, verified and unpacked in the cache.
 *
 * @param allowSetuid whether the spec keeps setuid and setgid bits
 * @param linkFromCache whether staged files may be hard links into the cache: only when the staging tree is read
 *     by a writer and then deleted, never when it becomes the (writable) directory image
 */
public record BaseImage(PulledImage image, ImageTree tree, CacheDirectory cache, boolean allowSetuid, boolean linkFromCache) {
}
