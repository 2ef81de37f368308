package dev.portajava.builder.internal;

import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildEvent;
import dev.portajava.builder.ImageSpec;
import dev.portajava.oci.BlobCache;
import dev.portajava.oci.ImageSource;
import dev.portajava.oci.ImageTree;
import dev.portajava.oci.LayerPolicy;
import dev.portajava.oci.OciException;
import dev.portajava.oci.PulledImage;
import dev.portajava.oci.SourceOptions;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fetches the spec's {@code [from]} image into the cache and unpacks its layers there, before the image is planned:
 * a bad reference, a refused blob or a hostile layer stops the build with nothing written next to the output.
 */
public final class BaseImagePull {

    private static final String STEP = "pull";

    private BaseImagePull() {
    }

    static BaseImage pull(Path specDirectory, ImageSpec.From from, BaseImageOptions options,
            Consumer<BuildEvent> listener) throws OciException {
        String reference = absolute(specDirectory, from.image());
        SourceOptions sourceOptions = new SourceOptions(options.architecture(), options.insecureRegistries(),
                options.dockerConfig(), message -> listener.accept(new BuildEvent(STEP, message)));
        ImageSource source = ImageSource.of(reference, sourceOptions);
        PulledImage image = source.pull(new BlobCache(options.cache()));
        listener.accept(new BuildEvent(STEP, image.reference() + ": manifest " + image.manifestDigest() + ", "
                + image.layers().size() + " layers in " + options.cache().root()));
        // setuid bits are kept in the cache and removed when planning the image, where the spec's choice is known
        ImageTree tree = ImageTree.assemble(image, options.cache(), LayerPolicy.defaults().withAllowSetuid(true));
        return new BaseImage(image, tree, options.cache(), from.allowSetuid());
    }

    /** {@code oci:DIR…} and {@code docker-archive:FILE…} with a relative path are relative to the spec. */
    public static String absolute(Path specDirectory, String reference) {
        for (String transport : new String[] {"oci:", "docker-archive:"}) {
            if (reference.startsWith(transport) && !reference.startsWith(transport + "/")) {
                return transport + specDirectory.toAbsolutePath().normalize() + "/" + reference.substring(transport.length());
            }
        }
        return reference;
    }
}
