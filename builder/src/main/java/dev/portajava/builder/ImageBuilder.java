package dev.portajava.builder;

import dev.portajava.PortajavaException;
import dev.portajava.builder.internal.BuildRunner;
import dev.portajava.builder.internal.FromImageName;
import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.name.ImageFile;
import dev.portajava.oci.ImageSource;
import dev.portajava.oci.OciException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a portable service image from a spec. Describe first, then build: {@link #load} reads and checks the
 * spec, the {@code with…} methods return new plans, and {@link #build} is the only call that touches the file
 * system.
 *
 * <pre>
 * BuiltImage image = ImageBuilder.load(Path.of("samples/hello")).withForce(true).build(Path.of("hello.raw"));
 * </pre>
 */
public final class ImageBuilder {

    /** The time stamps of a build when {@code SOURCE_DATE_EPOCH} is not set. */
    public static final long DEFAULT_EPOCH = 0;
    /** The spec file of a plan made from a container image alone: messages start with the option that named it. */
    private static final Path FROM_OPTION = Path.of("--from");
    /** The step of the warnings the plan's making found. */
    private static final String WARNINGS = "plan";

    private final Path specFile;
    private final ImageSpec spec;
    private final Optional<ImageFormat> format;
    private final RawImageOptions raw;
    private final boolean force;
    private final long epoch;
    private final Consumer<BuildEvent> listener;
    private final VerityOptions verity;
    private final BaseImageOptions base;
    private final Optional<Path> extended;
    /** What making the plan found that the user should hear of, told to the listener once the image is built. */
    private final List<String> warnings;

    private ImageBuilder(Path specFile, ImageSpec spec, Optional<ImageFormat> format, RawImageOptions raw,
            VerityOptions verity, boolean force, long epoch, Consumer<BuildEvent> listener, BaseImageOptions base,
            Optional<Path> extended, List<String> warnings) {
        this.warnings = List.copyOf(warnings);
        this.base = base;
        this.extended = extended;
        this.specFile = specFile;
        this.spec = spec;
        this.format = format;
        this.raw = raw;
        this.force = force;
        this.epoch = epoch;
        this.listener = listener;
        this.verity = verity;
    }

    /** A plan for the spec at {@code specFileOrDirectory}, with the output format guessed from the output name. */
    public static ImageBuilder load(Path specFileOrDirectory) throws InvalidSpecException {
        Path file = SpecLoader.specFile(specFileOrDirectory);
        return new ImageBuilder(file, SpecLoader.load(file), Optional.empty(), RawImageOptions.defaults(),
                VerityOptions.NONE, false, DEFAULT_EPOCH, event -> { }, BaseImageOptions.fromEnvironment(System.getenv()),
                Optional.empty(), List.of());
    }

    /**
     * A plan for an image made from a container image alone, as if by a spec with only {@code [image]} and
     * {@code [from]}: its unit is written from the image config. A relative {@code oci:} or
     * {@code docker-archive:} path is relative to the current directory.
     *
     * @param reference a registry reference, {@code oci:DIR[:REF]} or {@code docker-archive:FILE[:REPO:TAG]}
     */
    public static ImageBuilder fromImage(String reference, String name, String version, boolean allowSetuid) {
        String absolute;
        try {
            absolute = ImageSource.parse(reference).resolve(Path.of("")).reference();
        } catch (OciException e) {
            absolute = reference; // refused, with the parser's message, when the build reads it
        }
        ImageSpec spec = new ImageSpec(new ImageSpec.Image(name, version, null, null, null),
                new ImageSpec.From(absolute, allowSetuid), null, null, null, null, null, null);
        return new ImageBuilder(FROM_OPTION, spec, Optional.empty(), RawImageOptions.defaults(), VerityOptions.NONE,
                false, DEFAULT_EPOCH, event -> { }, BaseImageOptions.fromEnvironment(System.getenv()),
                Optional.empty(), List.of());
    }

    /**
     * A plan for an image made from a container image alone, named after {@code output} as systemd names it
     * ({@link ImageFile}): {@code NAME.raw} or {@code NAME_VERSION.raw}, and a directory {@code NAME} or
     * {@code NAME_VERSION}. Without a version there, the version is the reference's tag when it can be a version,
     * else {@code 0}, and the build warns of it, naming the output that gives a version.
     *
     * @throws InvalidOutputException when the output's name gives no image name, or a version that is none (the
     *     message says which name to give instead, after the reference's tag)
     */
    public static ImageBuilder fromImage(String reference, Path output, boolean allowSetuid)
            throws InvalidOutputException {
        FromImageName named = FromImageName.of(reference, output);
        ImageBuilder plan = fromImage(reference, named.name(), named.version(), allowSetuid);
        return new ImageBuilder(plan.specFile, plan.spec, plan.format, plan.raw, plan.verity, plan.force, plan.epoch,
                plan.listener, plan.base, plan.extended, named.warning().stream().toList());
    }

    private static boolean setsXattrs(ImageSpec spec) {
        return spec.file().stream().anyMatch(f -> !f.xattrs().isEmpty())
                || spec.directory().stream().anyMatch(d -> !d.xattrs().isEmpty())
                || spec.extension() != null && spec.extension().strict() != null;
    }

    /**
     * Builds what {@code request} asks for, reporting progress to {@code listener}.
     *
     * @see #build(Path)
     */
    public static BuiltImage build(BuildRequest request, Consumer<BuildEvent> listener) throws PortajavaException {
        ImageBuilder plan = request.input() instanceof BuildRequest.ContainerImage image
                ? fromImage(image.reference(), request.output(), image.allowSetuid())
                : load(((BuildRequest.Spec) request.input()).path());
        Optional<Path> extended = request.input() instanceof BuildRequest.Spec spec ? spec.base() : Optional.empty();
        return new ImageBuilder(plan.specFile, plan.spec, request.format(), request.raw(), request.verity(),
                request.force(), request.epoch(), listener, request.base(), extended, plan.warnings)
                .build(request.output());
    }

    /**
     * Whether {@code request}'s build depends on an architecture: a ddi's partition types, or the platform picked
     * from a container image ({@code --from}, or a spec's {@code [from]}). A squashfs image or a directory of a spec
     * without {@code [from]} holds the files as they are.
     *
     * @throws InvalidSpecException when the spec cannot be read, as the build would say
     */
    public static boolean usesArchitecture(BuildRequest request) throws InvalidSpecException {
        if (request.format().orElse(ImageFormat.guess(request.output())) == ImageFormat.DDI
                || request.input() instanceof BuildRequest.ContainerImage) {
            return true;
        }
        return load(((BuildRequest.Spec) request.input()).path()).spec.base().isPresent();
    }

    /**
     * Refuses {@code --insecure-registry} for a build that pulls from no registry, where it would change nothing:
     * a spec without {@code [from]}, or a {@code [from]} or {@code --from} image read from this machine.
     */
    private void refuseUnusedInsecureRegistries() throws InvalidSpecException {
        if (base.insecureRegistries().isEmpty()) {
            return;
        }
        String problem = "--insecure-registry has no effect: ";
        if (spec.base().isEmpty()) {
            throw new InvalidSpecException(specFile, problem + "the spec has no [from] to pull from a registry");
        }
        String reference = spec.base().get().image();
        try {
            if (ImageSource.parse(reference) instanceof ImageSource.Registry) {
                return;
            }
        } catch (OciException e) {
            return; // refused, with the parser's message, when the build reads it
        }
        boolean fromOption = specFile.equals(FROM_OPTION);
        throw new InvalidSpecException(specFile, problem + (fromOption ? "" : "[from] image ") + "'"
                + reference + "' is read from this machine, not a registry");
    }

    /**
     * The time of a build's files: {@code SOURCE_DATE_EPOCH} when it is set, else {@link #DEFAULT_EPOCH}.
     *
     * @throws IllegalArgumentException when it is set to something else than a number of seconds since 1970
     */
    public static long epoch(Map<String, String> environment) {
        String value = environment.get("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return DEFAULT_EPOCH;
        }
        try {
            long epoch = Long.parseLong(value.strip());
            if (epoch >= 0) {
                return epoch;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("SOURCE_DATE_EPOCH='" + value + "' is not a number of seconds since 1970");
    }

    /** How a {@code [from]} image is fetched: cache, architecture, registries spoken to over HTTP, credentials. */
    public ImageBuilder withBaseImageOptions(BaseImageOptions base) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /**
     * The image an extension extends ({@code --base}): the checks of the units' programs consult its files, which
     * are never copied in.
     */
    public ImageBuilder withExtendedImage(Path image) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base,
                Optional.of(image), warnings);
    }

    public ImageSpec spec() {
        return spec;
    }

    public Path specFile() {
        return specFile;
    }

    /** Writes this format whatever the output name says. */
    public ImageBuilder withFormat(ImageFormat format) {
        return new ImageBuilder(specFile, spec, Optional.of(format), raw, verity, force, epoch, listener, base, extended,
                warnings);
    }

    /** Replaces an existing output instead of refusing. */
    public ImageBuilder withForce(boolean force) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /** The time, in seconds since 1970, that every file in the image gets. */
    public ImageBuilder withEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("the build epoch may not be negative: " + epoch);
        }
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /** What writes a raw image: the Java writer (the default) or mksquashfs. */
    public ImageBuilder withEngine(Engine engine) {
        return withRawImage(raw.withEngine(engine));
    }

    /** The engine, compressor, level and block size of a raw image. */
    public ImageBuilder withRawImage(RawImageOptions raw) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /**
     * Keeps the compressed blocks of the image's files in {@code directory} and takes them from there, so that a
     * build after one that wrote the same files does not compress them again; the image is the same byte for byte.
     * Builds may share the directory. Only the Java engine uses it.
     */
    public ImageBuilder withBlockStore(Path directory) {
        return withRawImage(raw.withBlockStore(directory));
    }

    public RawImageOptions rawImage() {
        return raw;
    }

    public ImageBuilder withListener(Consumer<BuildEvent> listener) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /** Protects a raw image with dm-verity: ddi partitions or sidecar files, optionally signed. */
    public ImageBuilder withVerity(VerityOptions verity) {
        return new ImageBuilder(specFile, spec, format, raw, verity, force, epoch, listener, base, extended, warnings);
    }

    /** Builds the image at {@code output}; nothing is left at or next to it if this fails. */
    public BuiltImage build(Path output) throws PortajavaException {
        ImageFormat chosen = format.orElseGet(() -> ImageFormat.guess(output));
        if (chosen != ImageFormat.DIRECTORY && ImageFile.named(output).filter(ImageFile::raw).isEmpty()) {
            throw new InvalidOutputException(output, "a raw image's name must end in .raw (portabled requires it)");
        }
        if (chosen == ImageFormat.DIRECTORY && (verity.signed() || verity.sidecars())) {
            throw new InvalidOutputException(output, "a directory image cannot be signed or have verity sidecars; "
                    + "use --format ddi or squashfs");
        }
        if (chosen == ImageFormat.SQUASHFS && verity.signed() && !verity.sidecars()) {
            throw new InvalidOutputException(output, "a signed squashfs image needs --verity-sidecar "
                    + "(or use --format ddi)");
        }
        if (extended.isPresent() && spec.image().kind() != ImageKind.EXTENSION) {
            throw new InvalidSpecException(specFile, "--base " + extended.get() + " is for extension images only;"
                    + " set [image] kind = \"extension\", or build without --base");
        }
        refuseUnusedInsecureRegistries();
        if (raw.engine() == Engine.MKSQUASHFS && chosen != ImageFormat.DIRECTORY && setsXattrs(spec)) {
            throw new InvalidSpecException(specFile, "the spec sets xattrs, which " + "mksquashfs does not write from"
                    + " a build; use --engine java");
        }
        BuiltImage image = BuildRunner.run(specFile, spec, chosen, raw, verity, base, extended, output, force, epoch,
                listener);
        warnings.forEach(warning -> listener.accept(BuildEvent.warning(WARNINGS, warning)));
        return image;
    }
}
