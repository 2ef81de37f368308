package dev.portajava.oci;

import dev.portajava.oci.internal.LayerIndex;
import dev.portajava.oci.internal.LayerUnpacker;
import dev.portajava.oci.internal.MergedTree;
import java.util.List;

/**
 * An image's file system: its layers unpacked (each once, into the cache) and applied in order, whiteouts and
 * opaque directories honoured. Every entry has been checked: none leads outside the tree.
 *
 * <p>A regular file's {@link TreeEntry#content() content} is a file of the cache's content store
 * ({@link CacheDirectory#files()}), named by the SHA-256 of its content and shared by every layer, image and hard
 * link that has that content. It is read-only and must stay as it is: copy it, or hard-link it only where the link
 * is never written to nor has its mode or owner changed.
 */
public final class ImageTree {

    /** How a refused setuid or setgid file is let in, as the message says it. */
    private static final String ALLOW_SETUID = "keep setuid bits with allow-setuid = true in [from], or --allow-setuid";

    private final List<TreeEntry> entries;

    private ImageTree(List<TreeEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Unpacks each layer of {@code image} not yet unpacked in the cache (several at once), then applies them in order.
     * When the image config lists diff IDs, it must list one per layer, and each layer's uncompressed content must
     * have it.
     *
     * @throws HostileLayerException naming the layer and entry, for anything {@code policy} or safety refuses
     */
    public static ImageTree assemble(PulledImage image, CacheDirectory cache, LayerPolicy policy)
            throws OciException {
        try (LayerUnpacking unpacking = new LayerUnpacking(cache, policy)) {
            return unpacking.assemble(image);
        }
    }

    /** The index of the layer at a position of the image, unpacked. */
    interface Indexes {
        LayerIndex of(int layer) throws OciException;
    }

    /** Applies the layers of {@code image} in order, each index taken from {@code indexes} when its turn comes. */
    static ImageTree apply(PulledImage image, CacheDirectory cache, LayerPolicy policy, Indexes indexes)
            throws OciException {
        MergedTree tree = new MergedTree();
        List<Digest> diffIds = image.config() == null ? List.of() : image.config().diffIds();
        boolean checkDiffIds = !diffIds.isEmpty();
        if (checkDiffIds && diffIds.size() != image.layers().size()) {
            throw OciException.invalid(image.reference() + ": the image config lists " + diffIds.size()
                    + " diff IDs for " + image.layers().size() + " layers");
        }
        for (int i = 0; i < image.layers().size(); i++) {
            Layer layer = image.layers().get(i);
            LayerIndex index = indexes.of(i);
            if (checkDiffIds && !index.diffId().equals(diffIds.get(i))) {
                throw OciException.invalid("layer " + layer.digest() + " of " + image.reference()
                        + ": its uncompressed content is " + index.diffId() + ", where the image config says "
                        + diffIds.get(i));
            }
            try {
                tree.apply(layer.digest(), index);
            } catch (HostileLayerException e) {
                throw refused(image, cache, policy, e);
            }
        }
        if (!policy.allowSetuid()) {
            try {
                tree.refuseSetuid(ALLOW_SETUID);
            } catch (HostileLayerException e) {
                throw refused(image, cache, policy, e);
            }
        }
        return new ImageTree(tree.entries(cache));
    }

    /**
     * {@code refusal}, once the layer it names was removed from the cache: a layer refused when applied was unpacked
     * and published before, and a refused layer leaves nothing in the cache.
     */
    private static HostileLayerException refused(PulledImage image, CacheDirectory cache, LayerPolicy policy,
            HostileLayerException refusal) {
        LayerUnpacker unpacker = new LayerUnpacker(cache, policy);
        for (Layer layer : image.layers()) {
            if (layer.digest().equals(refusal.layer())) {
                try {
                    unpacker.refused(layer);
                } catch (OciException e) {
                    refusal.addSuppressed(e);
                }
            }
        }
        return refusal;
    }

    /** Every entry, parents before their children, in a stable order (sorted by path). */
    public List<TreeEntry> entries() {
        return entries;
    }
}
