package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BaseImageOptions;
import dev.portajava.builder.BuildRequest;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.Engine;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.builder.VerityOptions;
import dev.portajava.ddi.Architecture;
import dev.portajava.name.UnitName;
import dev.portajava.squashfs.Compression;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {"Builds a portable service image from a spec, or from a container image alone.",
            "The spec is a directory with a portable.toml. A container image (--from) is a registry reference,"
                + " oci:DIR (an OCI image layout) or docker-archive:FILE (docker save); without a unit of its own,"
                + " the image gets NAME.service written from the container image's config.",
            "A name ending in .raw gives a raw squashfs image; any other name a directory image. Raw images are"
                + " written in this process (--engine java); --engine mksquashfs runs mksquashfs instead."
                + " --format ddi gives a GPT disk image with the squashfs, its dm-verity hash tree and, with --key"
                + " and --cert, a signature partition.",
            "Every file gets the time SOURCE_DATE_EPOCH (default 0), so the same inputs give the same image."},
        footerHeading = "%nExamples:%n", footer = {"  portajava build samples/hello -o hello.raw",
            "  portajava build samples/hello -o hello.raw --compression zstd --compression-level 19 --block-size 1M",
            "  portajava build samples/hello -o hello_1.0.raw --format ddi --key key.pem --cert cert.pem",
            "  portajava build samples/app-one -o app-one.raw --base runtime.raw",
            "  portajava build --from registry.example:5000/team/app:1.4 -o app.raw",
            "  portajava build --from docker-archive:app.tar -o app_1.4.raw"})
final class BuildCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "The spec directory, or its portable.toml (default: the current directory).")
    Path specPath;

    @Option(names = "--from", paramLabel = "REFERENCE",
            description = "Build from this container image alone, without a spec: registry.example:5000/app:1.4,"
                + " …@sha256:…, oci:DIR[:REF] or docker-archive:FILE[:REPO:TAG]. The image is named after OUT"
                + " (NAME.raw or NAME_VERSION.raw); its version is VERSION, else the tag.")
    String from;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Speak plain HTTP to this registry (loopback registries always may). Repeatable.")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--allow-setuid",
            description = "Keep the setuid and setgid bits of a --from image's files (the default removes them).")
    boolean allowSetuid;

    @Option(names = "--base", paramLabel = "IMAGE",
            description = {"For an extension image ([image] kind = \"extension\"): the image it extends, a .raw image",
                "(squashfs or ddi) or an image directory. Its files are consulted by the checks of the units' programs",
                "and its os-release by the [extension] fields, never copied in."})
    Path extended;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the image.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = LowerCaseValues.Formats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: from the output name).")
    ImageFormat format;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "java",
            completionCandidates = LowerCaseValues.Engines.class,
            description = "What writes a raw image: java (in this process, the default) or mksquashfs.")
    Engine engine;

    @Option(names = "--compression", paramLabel = "COMP", defaultValue = "gzip",
            completionCandidates = LowerCaseValues.Compressions.class,
            description = "Compressor of a raw image: gzip (default), zstd, xz or lz4.")
    Compression compression;

    @Option(names = "--compression-level", paramLabel = "N",
            description = "Compression level (default as mksquashfs: gzip 9, zstd 15, xz 6, lz4 0 = fast, 1-12 = HC).")
    Integer level;

    @Option(names = "--block-size", paramLabel = "SIZE", defaultValue = "128K",
            description = "Data block size of a raw image: a power of two from 4K to 1M (default 128K).")
    String blockSize;

    @Option(names = "--force", description = "Replace an existing output.")
    boolean force;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "The architecture of a ddi image's partition types, and the platform picked from a"
                + " container image of several platforms: x86-64 or arm64 (default: x86-64 for partitions, this"
                + " machine's for container images).")
    String arch;

    @Option(names = "--key", paramLabel = "KEY.pem",
            description = "Sign the root hash with this PEM private key (RSA or EC); needs --cert.")
    Path key;

    @Option(names = "--cert", paramLabel = "CERT.pem", description = "The PEM X.509 certificate of --key.")
    Path cert;

    @Option(names = "--verity-sidecar",
            description = "Write the hash tree (NAME.verity), the root hash (NAME.roothash) and, when signed,"
                    + " its signature (NAME.roothash.p7s) beside a squashfs image; beside a ddi, the root hash and"
                    + " its signature, which systemd 252 needs to enforce verity.")
    boolean veritySidecar;

    @Option(names = {"-q", "--quiet"},
            description = "Print nothing but warnings and errors: no progress, no result (--json still prints it).")
    boolean quiet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        BuildRequest request = request();
        BuildProgressPrinter progress = new BuildProgressPrinter(spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                quiet || json.json ? BuildProgressPrinter.Mode.SILENT
                        : System.console() != null ? BuildProgressPrinter.Mode.TERMINAL
                        : BuildProgressPrinter.Mode.LINES, main.verbose);
        BuiltImage image;
        try {
            image = ImageBuilder.build(request, progress);
        } finally {
            progress.close();
        }
        if (json.json || !quiet) {
            print(spec.commandLine().getOut(), image);
        }
        return 0;
    }

    private BuildRequest request() throws UsageException {
        if ((key == null) != (cert == null)) {
            throw new UsageException(key == null ? "--cert needs --key" : "--key needs --cert");
        }
        if (from != null && extended != null) {
            throw new UsageException("--base is for extension images, built from a spec, not --from");
        }
        if (from != null && specPath != null) {
            throw new UsageException("give either a SPEC or --from, not both (a spec names its image in [from])");
        }
        Architecture architecture = Architecture.parse(arch == null ? "x86-64" : arch)
                .orElseThrow(() -> new UsageException("unknown architecture '" + arch + "'; use x86-64 or arm64"));
        Map<String, String> environment = main.environment().variables();
        BaseImageOptions base = BaseImageOptions.fromEnvironment(environment)
                .withInsecureRegistries(Set.copyOf(insecureRegistries));
        try {
            return new BuildRequest(from == null ? new BuildRequest.Spec(specPath == null ? Path.of(".") : specPath,
                    Optional.ofNullable(extended))
                    : new BuildRequest.ContainerImage(from, allowSetuid), output, Optional.ofNullable(format),
                    new RawImageOptions(engine, compression, level == null ? compression.defaultLevel() : level,
                            RawImageOptions.parseBlockSize(blockSize)),
                    new VerityOptions(architecture, Optional.ofNullable(key), Optional.ofNullable(cert), veritySidecar),
                    arch == null ? base : base.withArchitecture(architecture), force, ImageBuilder.epoch(environment));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void print(PrintWriter out, BuiltImage image) {
        String formatName = image.format().name().toLowerCase(Locale.ROOT);
        List<String> units = image.units().stream().map(UnitName::value).toList();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", image.path().toString());
            result.put("format", formatName);
            result.put("name", image.name().value());
            result.put("units", units);
            image.sha256().ifPresent(sha -> result.put("sha256", sha));
            image.rootHash().ifPresent(hash -> result.put("rootHash", hash));
            result.put("sidecars", image.sidecars().stream().map(Path::toString).toList());
            JsonOption.print(out, result);
        } else {
            out.println("Built " + image.path() + " (" + formatName + ", units: " + String.join(" ", units) + ").");
            image.sha256().ifPresent(sha -> out.println("sha256 " + sha));
            image.rootHash().ifPresent(hash -> out.println("roothash " + hash));
            image.sidecars().forEach(sidecar -> out.println("wrote " + sidecar));
        }
    }
}
