package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuildRequest;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class BuildCommand implements Command {

    static final Option<Path> OUTPUT = Option.value(List.of("-o", "--output"), "OUT", ValueType.PATH,
            "Where to write the image.").mandatory();
    static final Option<ImageFormat> FORMAT = Option.value("--format", "FORMAT", ValueType.of(ImageFormat.values()),
            "Output format: ${COMPLETION-CANDIDATES} (default: from the output name).");
    static final Option<Boolean> FORCE = Option.flag("--force", "Replace an existing output.");
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
            .positionals(BuildInputOptions.SPEC)
            .options(BuildInputOptions.ALL).options(OUTPUT, FORMAT, FORCE).options(WriterOptions.ALL)
            .options(DdiOptions.ALL).options(QUIET, JsonOption.JSON)
            .footer("Examples", "  portajava build samples/hello -o hello.raw",
                "  portajava build samples/hello -o hello.raw --compression zstd \\",
                "      --compression-level 19 --block-size 1M",
                "  portajava build samples/hello -o hello_1.0.raw --format ddi \\",
                "      --key key.pem --cert cert.pem",
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
        DdiOptions ddi = new DdiOptions(invocation);
        BuildInputOptions input = new BuildInputOptions(invocation);
        Map<String, String> environment = invocation.environment().variables();
        BuildRequest request = new BuildRequest(input.input(), invocation.value(OUTPUT),
                Optional.ofNullable(invocation.value(FORMAT)), WriterOptions.of(invocation), ddi.verity,
                input.baseImage(environment, ddi.architecture), invocation.has(FORCE), epoch(environment));
        if (ddi.architecture.isPresent() && !ImageBuilder.usesArchitecture(request)) {
            throw new UsageException("--arch has no effect on this image: it picks the partition types of a ddi"
                    + " (--format ddi) and the platform of a container image ([from] or --from), and this spec has"
                    + " neither");
        }
        boolean quiet = invocation.has(QUIET);
        boolean json = invocation.has(JsonOption.JSON);
        BuiltImage image;
        try (BuildProgressPrinter progress = BuildProgressPrinter.of(invocation, quiet || json)) {
            image = ImageBuilder.build(request, progress);
        }
        if (json || !quiet) {
            BuiltImagePrinter.print(invocation.out(), image, json);
        }
        return 0;
    }

    private static long epoch(Map<String, String> environment) throws UsageException {
        try {
            return ImageBuilder.epoch(environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
