package dev.portajava.cli;

import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildRequest;
import dev.portajava.ddi.Architecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What build makes its image from: a spec (with, for an extension, the image it extends) or a container image. */
final class BuildInputOptions {

    static final Positional<Path> SPEC = Positional.optional("SPEC", ValueType.PATH,
            "The spec directory, or its portable.toml (default: the current directory).");
    static final Option<String> FROM = Option.value("--from", "REFERENCE", ValueType.TEXT,
            "Build from this container image alone, without a spec: registry.example:5000/app:1.4,"
                + " …@sha256:…, oci:DIR[:REF] or docker-archive:FILE[:REPO:TAG]. The image is named after OUT"
                + " (NAME.raw or NAME_VERSION.raw); its version is VERSION, else the tag.");
    static final Option<String> INSECURE_REGISTRY = Option.value("--insecure-registry", "HOST[:PORT]",
            ValueType.TEXT, "Speak plain HTTP to this registry (loopback registries always may), to pull --from or"
                + " the spec's [from]. Repeatable.")
            .repeated();
    static final Option<Boolean> ALLOW_SETUID = Option.flag("--allow-setuid",
            "Keep the setuid and setgid bits of a --from image's files (the default removes them, with a warning);"
                + " with a spec, allow-setuid = true in its [from] or a [[copy]] does.");
    static final Option<Path> BASE = Option.value("--base", "IMAGE", ValueType.PATH,
            "For an extension image ([image] kind = \"extension\"): the image it extends, a .raw image (squashfs"
                + " or ddi) or an image directory. Its files are consulted by the checks of the units' programs"
                + " and its os-release by the [extension] fields, never copied in.");
    /** The options, in the order of the help (the positional SPEC apart). */
    static final List<Option<?>> ALL = List.of(FROM, INSECURE_REGISTRY, ALLOW_SETUID, BASE);

    private final Set<String> insecureRegistries;
    private final Path spec;
    private final String from;
    private final boolean allowSetuid;
    private final Path base;

    BuildInputOptions(Invocation invocation) {
        spec = invocation.value(SPEC);
        from = invocation.value(FROM);
        allowSetuid = invocation.has(ALLOW_SETUID);
        base = invocation.value(BASE);
        insecureRegistries = Set.copyOf(invocation.values(INSECURE_REGISTRY));
    }

    /** The spec (default: the current directory), or the container image of --from. */
    BuildRequest.Input input() throws UsageException {
        if (from == null) {
            if (allowSetuid) {
                throw new UsageException("--allow-setuid is for --from; with a spec, set allow-setuid = true in its"
                        + " [from] or in a [[copy]] entry");
            }
            return new BuildRequest.Spec(spec == null ? Path.of(".") : spec, Optional.ofNullable(base));
        }
        if (base != null) {
            throw new UsageException("--base is for extension images, built from a spec, not --from");
        }
        if (spec != null) {
            throw new UsageException("give either a SPEC or --from, not both (a spec names its image in [from])");
        }
        return new BuildRequest.ContainerImage(from, allowSetuid);
    }

    /**
     * Where and how base and --from images are pulled: the cache and registry credentials of {@code environment},
     * the insecure registries, and the platform of {@code architecture} (default: this machine's).
     */
    BaseImageOptions baseImage(Map<String, String> environment, Optional<Architecture> architecture) {
        BaseImageOptions options = BaseImageOptions.fromEnvironment(environment)
                .withInsecureRegistries(insecureRegistries);
        return architecture.isPresent() ? options.withArchitecture(architecture.get()) : options;
    }
}
