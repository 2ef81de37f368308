package dev.portajava.oci;

import java.util.List;

/**
 * An image whose manifest, config and layers are all verified and in the cache.
 *
 * @param reference what the user named, for messages
 * @param manifestDigest the digest of the image manifest (after an index was resolved for the architecture)
 * @param config the image config
 * @param layers the layers, lowest first
 */
public record PulledImage(String reference, Digest manifestDigest, ImageConfig config, List<Layer> layers) {

    public PulledImage {
        layers = List.copyOf(layers);
    }
}
