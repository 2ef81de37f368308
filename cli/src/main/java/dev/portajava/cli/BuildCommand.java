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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class BuildCommand implements Command {

    private static final ValueType<Engine> ENGINES = new ValueType.Constants<>(Engine.values()) {
        @Override
        Engine parse(String text) {
            return Engine.parse(text);
        }
    };
    private static final ValueType<Compression> COMPRESSIONS = new ValueType.Constants<>(Compression.values()) {
        @Override
        Compression parse(String text) {
            return Compression.parse(text);
        }
    };

    static final Positional<Path> SPEC = Positional.optional("SPEC", ValueType.PATH,
            "The spec directory, or its portable.toml (default: the current directory).");
    static final Option<String> FROM = Option.value("--from", "REFERENCE", ValueType.TEXT,
            "Build from this container image alone, without a spec: registry.example:5000/app:1.4,"
                + " …@sha256:…, oci:DIR[:REF] or docker-archive:FILE[:REPO:TAG]. The image is named after OUT"
                + " (NAME.raw or NAME_VERSION.raw); its version is VERSION, else the tag.");
    static final Option<String> INSECURE_REGISTRY = Option.value("--insecure-registry", "HOST[:PORT]",
            ValueType.TEXT, "Speak plain HTTP to this registry (loopback registries always may). Repeatable.")
            .repeated();
    static final Option<Boolean> ALLOW_SETUID = Option.flag("--allow-setuid",
            "Keep the setuid and setgid bits of a --from image's files (the default removes them).");
    static final Option<Path> BASE = Option.value("--base", "IMAGE", ValueType.PATH,
            "For an extension image ([image] kind = \"extension\"): the image it extends, a .raw image",
            "(squashfs or ddi) or an image directory. Its files are consulted by the checks of the units' programs",
            "and its os-release by the [extension] fields, never copied in.");
    static final Option<Path> OUTPUT = Option.value(List.of("-o", "--output"), "OUT", ValueType.PATH,
            "Where to write the image.").mandatory();
    static final Option<ImageFormat> FORMAT = Option.value("--format", "FORMAT", ValueType.of(ImageFormat.values()),
            "Output format: ${COMPLETION-CANDIDATES} (default: from the output name).");
    static final Option<Engine> ENGINE = Option.value("--engine", "ENGINE", ENGINES,
            "What writes a raw image: java (in this process, the default) or mksquashfs.").defaultValue("java");
    static final Option<Compression> COMPRESSION = Option.value("--compression", "COMP", COMPRESSIONS,
            "Compressor of a raw image: gzip (default), zstd, xz or lz4.").defaultValue("gzip");
    static final Option<Integer> LEVEL = Option.value("--compression-level", "N", ValueType.INTEGER,
            "Compression level (default as mksquashfs: gzip 9, zstd 15, xz 6, lz4 0 = fast, 1-12 = HC).");
    static final Option<String> BLOCK_SIZE = Option.value("--block-size", "SIZE", ValueType.TEXT,
            "Data block size of a raw image: a power of two from 4K to 1M (default 128K).").defaultValue("128K");
    static final Option<Boolean> FORCE = Option.flag("--force", "Replace an existing output.");
    static final Option<String> ARCH = Option.value("--arch", "ARCH", ValueType.TEXT,
            "The architecture of a ddi image's partition types, and the platform picked from a"
                + " container image of several platforms: x86-64 or arm64 (default: x86-64 for partitions, this"
                + " machine's for container images).");
    static final Option<Path> KEY = Option.value("--key", "KEY.pem", ValueType.PATH,
            "Sign the root hash with this PEM private key (RSA or EC); needs --cert.");
    static final Option<Path> CERT = Option.value("--cert", "CERT.pem", ValueType.PATH,
            "The PEM X.509 certificate of --key.");
    static final Option<Boolean> VERITY_SIDECAR = Option.flag("--verity-sidecar",
            "Write the hash tree (NAME.verity), the root hash (NAME.roothash) and, when signed,"
                    + " its signature (NAME.roothash.p7s) beside a squashfs image; beside a ddi, the root hash and"
                    + " its signature, which systemd 252 needs to enforce verity.");
    static final Option<Boolean> QUIET = Option.flag(List.of("-q", "--quiet"),
            "Print nothing but warnings and errors: no progress, no result (--json still prints it).");

    private static final CommandModel MODEL = CommandModel.of("build",
            "Builds a portable service image from a spec, or from a container image alone.",
            "The spec is a directory with a portable.toml. A container image (--from) is a registry reference,"
                + " oci:DIR (an OCI image layout) or docker-archive:FILE (docker save); without a unit of its own,"
                + " the image gets NAME.service written from the container image's config.",
            "A name ending in .raw gives a raw squashfs image; any other name a directory image. Raw images are"
                + " written in this process (--engine java); --engine mksquashfs runs mksquashfs instead."
                + " --format ddi gives a GPT disk image with the squashfs, its dm-verity hash tree and, with --key"
                + " and --cert, a signature partition.",
            "Every file gets the time SOURCE_DATE_EPOCH (default 0), so the same inputs give the same image.")
            .positionals(SPEC)
            .options(FROM, INSECURE_REGISTRY, ALLOW_SETUID, BASE, OUTPUT, FORMAT, ENGINE, COMPRESSION, LEVEL,
                    BLOCK_SIZE, FORCE, ARCH, KEY, CERT, VERITY_SIDECAR, QUIET, JsonOption.JSON)
            .footer("Examples", "  portajava build samples/hello -o hello.raw",
                "  portajava build samples/hello -o hello.raw --compression zstd --compression-level 19"
                    + " --block-size 1M",
                "  portajava build samples/hello -o hello_1.0.raw --format ddi --key key.pem --cert cert.pem",
                "  portajava build samples/app-one -o app-one.raw --base runtime.raw",
                "  portajava build --from registry.example:5000/team/app:1.4 -o app.raw",
                "  portajava build --from docker-archive:app.tar -o app_1.4.raw")
            .abbreviatedSynopsis();

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        BuildRequest request = request(invocation);
        boolean quiet = invocation.has(QUIET);
        boolean json = invocation.has(JsonOption.JSON);
        BuildProgressPrinter progress = new BuildProgressPrinter(invocation.out(), invocation.err(),
                quiet || json ? BuildProgressPrinter.Mode.SILENT
                        : System.console() != null ? BuildProgressPrinter.Mode.TERMINAL
                        : BuildProgressPrinter.Mode.LINES, invocation.verbose());
        BuiltImage image;
        try {
            image = ImageBuilder.build(request, progress);
        } finally {
            progress.close();
        }
        if (json || !quiet) {
            print(invocation.out(), image, json);
        }
        return 0;
    }

    private static BuildRequest request(Invocation invocation) throws UsageException {
        Path key = invocation.value(KEY);
        Path cert = invocation.value(CERT);
        String from = invocation.value(FROM);
        Path extended = invocation.value(BASE);
        Path specPath = invocation.value(SPEC);
        String arch = invocation.value(ARCH);
        Compression compression = invocation.value(COMPRESSION);
        Integer level = invocation.value(LEVEL);
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
        Map<String, String> environment = invocation.environment().variables();
        BaseImageOptions base = BaseImageOptions.fromEnvironment(environment)
                .withInsecureRegistries(Set.copyOf(invocation.values(INSECURE_REGISTRY)));
        try {
            return new BuildRequest(from == null ? new BuildRequest.Spec(specPath == null ? Path.of(".") : specPath,
                    Optional.ofNullable(extended))
                    : new BuildRequest.ContainerImage(from, invocation.has(ALLOW_SETUID)), invocation.value(OUTPUT),
                    Optional.ofNullable(invocation.value(FORMAT)),
                    new RawImageOptions(invocation.value(ENGINE), compression,
                            level == null ? compression.defaultLevel() : level,
                            RawImageOptions.parseBlockSize(invocation.value(BLOCK_SIZE))),
                    new VerityOptions(architecture, Optional.ofNullable(key), Optional.ofNullable(cert),
                            invocation.has(VERITY_SIDECAR)),
                    arch == null ? base : base.withArchitecture(architecture), invocation.has(FORCE),
                    ImageBuilder.epoch(environment));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void print(PrintWriter out, BuiltImage image, boolean json) {
        String formatName = image.format().name().toLowerCase(Locale.ROOT);
        List<String> units = image.units().stream().map(UnitName::value).toList();
        if (json) {
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
