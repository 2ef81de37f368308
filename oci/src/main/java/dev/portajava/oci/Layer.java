package dev.portajava.oci;

import java.nio.file.Path;

/**
 * One layer of a pulled image, its blob verified and in the cache.
 *
 * @param digest the digest of the blob as stored (compressed or not)
 * @param mediaType the media type the manifest gives
 * @param size the blob's size in bytes
 * @param blob the blob file in the cache: its digest and size were checked when it was stored
 */
public record Layer(Digest digest, String mediaType, long size, Path blob) {
}
