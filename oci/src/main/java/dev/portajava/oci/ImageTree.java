package dev.portajava.oci;

import java.util.List;

/**
 * An image's file system: its layers unpacked (each once, into the cache) and applied in order, whiteouts and
 * opaque directories honoured. Every entry has been checked: none leads outside the tree.
 */
public final class ImageTree {

    private final List<TreeEntry> entries;

    private ImageTree(List<TreeEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Unpacks each layer of {@code image} not yet unpacked in the cache, then applies them in order.
     *
     * @throws HostileLayerException naming the layer and entry, for anything {@code policy} or safety refuses
     */
    public static ImageTree assemble(PulledImage image, CacheDirectory cache, LayerPolicy policy)
            throws OciException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every entry, parents before their children, in a stable order (sorted by path). */
    public List<TreeEntry> entries() {
        return entries;
    }
}
