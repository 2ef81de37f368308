package dev.portajava.oci;

import java.io.InputStream;

/**
 * Told of each layer a pull downloads, as the download starts, so that the layer can be unpacked while it arrives
 * ({@link LayerUnpacking}).
 */
@FunctionalInterface
public interface LayerArrivals {

    /**
     * Called on the pulling thread when {@code layer}'s download starts; must not block. {@code content} reads the
     * blob as it arrives: it ends only once the whole blob was written to {@link Layer#blob()} and its size and
     * digest were checked, and it fails with an {@code IOException} if the download fails or is refused. The
     * receiver closes it. A download that is tried again is announced again.
     */
    void arriving(Layer layer, InputStream content);
}
