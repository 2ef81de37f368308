package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.DetachRequest;
import dev.portajava.attach.DetachResult;
import dev.portajava.attach.Portables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "detach", mixinStandardHelpOptions = true,
        description = {"Detaches a portable service image: removes its units, drop-ins and links from this host.",
            "An image is matched by name, so myapp_2.raw detaches what myapp_1.raw attached."},
        footerHeading = "%nExample:%n", footer = {"  portajava detach hello.raw --now"})
final class DetachCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A .raw image or image directory, or an image name.")
    String image;

    @Parameters(index = "1..*", paramLabel = "PREFIX",
            description = "With --now or --enable: stop or disable only the units with these prefixes.")
    List<String> matches = new ArrayList<>();

    @Option(names = "--clean", description = {"Also remove the units' configuration, state, cache, logs and runtime"
        + " data (StateDirectory= …), as portablectl 256's --clean does; on older systemd too, through its CleanUnit."})
    boolean clean;

    @Mixin
    ExtensionOptions extensions;

    @Mixin
    UnitOptions units;

    @Mixin
    BackendOptions backend;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        DetachRequest request = new DetachRequest(ImageArgument.of(image, main, spec), extensions.arguments(),
                matches, units.runtime, units.enable, units.now, units.noReload, clean);
        if (backend.offline() && (units.now || clean)) {
            throw new UsageException((clean ? "--clean cannot clean" : "--now cannot stop")
                    + " units in a root tree that is not running (--root)");
        }
        DetachResult result = backend.portables(main, spec, Optional.empty()).detach(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.units(out, "Stopped", result.stopped());
            ChangePrinter.changes(out, result.disableChanges());
            ChangePrinter.cleaned(out, result.cleaned(), result.cleanNote());
            ChangePrinter.changes(out, result.changes());
        }
        return 0;
    }
}
