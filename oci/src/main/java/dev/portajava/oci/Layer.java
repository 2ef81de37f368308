package dev.portajava.oci;

import java.nio.file.Path;

/**
 * One layer of a pulled image.
 *
 * @param digest the digest of the blob as stored (compressed or not)
 * @param mediaType the media type the manifest gives
 * @param size the blob's size in bytes
 * @param blob the blob file: in the cache, among a build's temporaries, or in a local image layout; its size and
 *     digest are checked again whenever it is read
 */
public record Layer(Digest digest, String mediaType, long size, Path blob) {
}
