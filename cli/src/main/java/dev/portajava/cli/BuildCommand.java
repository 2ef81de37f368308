package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuiltImage;
import dev.portajava.builder.ImageBuilder;
import dev.portajava.builder.ImageFormat;
import dev.portajava.name.UnitName;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Builds a portable service image from a spec (portable.toml).",
            "A name ending in .raw gives a raw squashfs image; any other name a directory image.",
            "Every file gets the time SOURCE_DATE_EPOCH (default 0), so the same inputs give the same image."},
        footer = {"", "Example:", "  portajava build samples/hello -o hello.raw"})
final class BuildCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "SPEC",
            description = "The spec directory, or its portable.toml (default: the current directory).")
    Path specPath;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the image.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: from the output name).")
    ImageFormat format;

    @Option(names = "--force", description = "Replace an existing output.")
    boolean force;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        ImageBuilder builder = ImageBuilder.load(specPath).withForce(force).withEpoch(epoch());
        if (format != null) {
            builder = builder.withFormat(format);
        }
        if (main.verbose) {
            builder = builder.withListener(event -> spec.commandLine().getErr().println(event.step() + ": " + event.message()));
        }
        BuiltImage image = builder.build(output);
        PrintWriter out = spec.commandLine().getOut();
        String formatName = image.format().name().toLowerCase(Locale.ROOT);
        List<String> units = image.units().stream().map(UnitName::value).toList();
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", image.path().toString());
            result.put("format", formatName);
            result.put("name", image.name().value());
            result.put("units", units);
            image.sha256().ifPresent(sha -> result.put("sha256", sha));
            JsonOption.print(out, result);
        } else {
            out.println("Built " + image.path() + " (" + formatName + ", units: " + String.join(" ", units) + ").");
            image.sha256().ifPresent(sha -> out.println("sha256 " + sha));
        }
        return 0;
    }

    private long epoch() throws UsageException {
        String value = main.environment().variables().get("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return ImageBuilder.DEFAULT_EPOCH;
        }
        try {
            long epoch = Long.parseLong(value.strip());
            if (epoch >= 0) {
                return epoch;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("SOURCE_DATE_EPOCH='" + value + "' is not a number of seconds since 1970");
    }
}
