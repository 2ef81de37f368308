package dev.portajava.oci;

import dev.portajava.oci.internal.LayerIndex;
import dev.portajava.oci.internal.LayerUnpacker;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unpacks an image's layers into the cache on a pool of one thread per core, then applies them in order
 * ({@link #assemble}). Passed to a pull as its {@link LayerArrivals}, it starts unpacking each downloaded layer as the
 * download starts, reading the blob while it arrives; layers already in the cache are unpacked when the image is
 * assembled, all at once.
 *
 * <p>What comes out does not depend on the order in which layers finish: a layer unpacked while it arrived is
 * published only once its blob was verified; when that unpacking failed (its download failed and was tried again, or
 * the layer was refused), the layer is unpacked again from its blob in the cache, and that outcome counts. Layers are
 * applied, and their problems reported, in the image's order.
 */
public final class LayerUnpacking implements LayerArrivals, AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final CacheDirectory cache;
    private final LayerPolicy policy;
    private final LayerUnpacker unpacker;
    private final ExecutorService pool;
    /** The unpacking started for each layer as it arrived: the last attempt's. */
    private final Map<Digest, Future<LayerIndex>> arrived = new ConcurrentHashMap<>();

    public LayerUnpacking(CacheDirectory cache, LayerPolicy policy) {
        this.cache = cache;
        this.policy = policy;
        this.unpacker = new LayerUnpacker(cache, policy);
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "portajava-unpack-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void arriving(Layer layer, InputStream content) {
        arrived.put(layer.digest(), pool.submit(() -> unpacker.index(layer, content)));
    }

    /**
     * The tar entries this unpacking has read so far, and the bytes of its regular files, from any thread: for a
     * progress display. Layers unpack as they arrive, so these grow during a pull too.
     */
    public long entriesRead() {
        return unpacker.entriesRead();
    }

    /** The bytes of the regular files among {@link #entriesRead}. */
    public long bytesRead() {
        return unpacker.bytesRead();
    }

    /**
     * Unpacks each layer of {@code image} not yet unpacked, then applies them in order (see
     * {@link ImageTree#assemble}).
     *
     * @throws HostileLayerException naming the layer and entry, for anything the policy or safety refuses
     */
    public ImageTree assemble(PulledImage image) throws OciException {
        List<Future<LayerIndex>> indexes = new ArrayList<>();
        for (Layer layer : image.layers()) {
            Future<LayerIndex> started = arrived.get(layer.digest());
            indexes.add(started != null ? started : pool.submit(() -> unpacker.index(layer)));
        }
        return ImageTree.apply(image, cache, policy, i -> {
            Layer layer = image.layers().get(i);
            try {
                return indexes.get(i).get();
            } catch (ExecutionException e) {
                if (arrived.get(layer.digest()) == indexes.get(i)) {
                    return unpacker.index(layer); // read again from the verified blob: its outcome counts
                }
                throw rethrow(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OciException.unavailable("interrupted while unpacking layer " + layer.digest(), e);
            }
        });
    }

    private static OciException rethrow(Throwable cause) {
        if (cause instanceof OciException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return OciException.unavailable("unpacking failed: " + cause, cause);
    }

    /** Stops what is still unpacking (a failed build's layers) and waits for it to end. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
