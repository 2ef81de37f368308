package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.AttachRequest;
import dev.portajava.attach.AttachResult;
import dev.portajava.attach.Portables;
import dev.portajava.profiles.ProfileName;
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

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Attaches a portable service image to this host, through systemd-portabled or natively.",
            "Its units are copied out, with a drop-in that runs them from the image and the profile's sandbox."
                + " An unknown profile is refused before anything is attached."},
        footerHeading = "%nExample:%n", footer = {"  portajava attach hello.raw --profile strict --now"})
final class AttachCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A .raw image or image directory, or an image name.")
    String image;

    @Parameters(index = "1..*", paramLabel = "PREFIX", description = "Attach only the units with these prefixes.")
    List<String> matches = new ArrayList<>();

    @Mixin
    ExtensionOptions extensions;

    @Option(names = "--force", description = {"Attach even if units of the same name are on the host already, and take",
            "an extension's release file named otherwise than the extension image."})
    boolean force;

    @Mixin
    AttachOptions attach;

    @Mixin
    UnitOptions units;

    @Mixin
    BackendOptions backend;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException {
        ProfileName profileName = attach.profileName();
        Optional<String> imagePath = attach.imagePath();
        AttachRequest request = new AttachRequest(ImageArgument.of(image, main, spec), extensions.arguments(),
                matches, profileName,
                attach.copyMode, units.runtime, units.enable, units.now, units.noReload, force);
        if (backend.offline() && units.now) {
            throw new UsageException("--now cannot start units in a root tree that is not running (--root)");
        }
        AttachResult result = backend.portables(main, spec, imagePath).attach(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.matches(out, matches);
            ChangePrinter.changes(out, result.changes());
            ChangePrinter.changes(out, result.enableChanges());
            ChangePrinter.units(out, "Started", result.started());
        }
        return 0;
    }
}
