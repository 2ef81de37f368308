package dev.portajava.builder.internal;

import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.ImageSpec;
import dev.portajava.oci.BlobCache;
import dev.portajava.oci.ImageSource;
import dev.portajava.oci.ImageTree;
import dev.portajava.oci.Layer;
import dev.portajava.oci.LayerPolicy;
import dev.portajava.oci.LayerUnpacking;
import dev.portajava.oci.OciException;
import dev.portajava.oci.PulledImage;
import dev.portajava.oci.SourceOptions;
import dev.portajava.oci.TreeEntry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fetches the spec's {@code [from]} image into the cache and unpacks its layers there, before the image is planned:
 * a bad reference, a refused blob or a hostile layer stops the build with nothing written next to the output.
 */
final class BaseImagePull {

    private static final String STEP = "pull";

    private BaseImagePull() {
    }

    static BaseImage pull(Path specDirectory, ImageSpec.From from, BaseImageOptions options,
            Consumer<BuildEvent> listener) throws OciException {
        ImageSource source = ImageSource.parse(from.image()).resolve(specDirectory);
        // layers are unpacked as they download; setuid bits are kept in the cache and removed when planning the
        // image, where the spec's choice is known
        try (LayerUnpacking unpacking = new LayerUnpacking(options.cache(),
                LayerPolicy.defaults().withAllowSetuid(true))) {
            SourceOptions sourceOptions = new SourceOptions(options.architecture(), options.insecureRegistries(),
                    options.dockerConfig(), message -> listener.accept(new BuildEvent(STEP, message)),
                    Optional.of(unpacking));
            PulledImage image;
            BlobCache blobs = new BlobCache(options.cache());
            // while it runs: the bytes of the blobs read (their total is known only once all arrived)
            PhaseClock.Counter received = PhaseClock.Counter.since(() -> 0, blobs::received);
            try (PhaseClock pull = PhaseClock.start(listener, BuildPhase.PULL, received)) {
                image = source.pull(blobs, sourceOptions);
                pull.finish(image.layers().size(), image.layers().stream().mapToLong(Layer::size).sum());
            }
            listener.accept(new BuildEvent(STEP, image.reference() + ": manifest " + image.manifestDigest() + ", "
                    + image.layers().size() + " layers in " + options.cache().root()));
            ImageTree tree;
            // while it runs: the layers' entries and bytes read since it started (those that arrived during the
            // pull were unpacked then); when finished, the image's tree
            PhaseClock.Counter read = PhaseClock.Counter.since(unpacking::entriesRead, unpacking::bytesRead);
            try (PhaseClock unpack = PhaseClock.start(listener, BuildPhase.UNPACK, read)) {
                tree = unpacking.assemble(image);
                unpack.finish(tree.entries().size(), tree.entries().stream().mapToLong(TreeEntry::size).sum());
            }
            return new BaseImage(image, tree, options.cache(), from.allowSetuid());
        }
    }
}
