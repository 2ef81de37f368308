package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.Portables;
import dev.portajava.attach.ReattachRequest;
import dev.portajava.attach.ReattachResult;
import dev.portajava.profiles.ProfileName;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "reattach", mixinStandardHelpOptions = true,
        description = {"Replaces what an image of the same name attached with IMAGE, to upgrade a portable service.",
            "myapp_2.raw replaces myapp_1.raw. IMAGE is read and checked completely first; a broken image is"
                + " refused and the attached one keeps running. Units IMAGE no longer has are stopped and removed;"
                + " with --now the others are restarted."},
        footerHeading = "%nExample:%n", footer = {"  portajava reattach /var/lib/portables/myapp_2.raw --now"})
final class ReattachCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The new .raw image or image directory, or an image name.")
    String image;

    @Parameters(index = "1..*", paramLabel = "PREFIX", description = "Attach only the units with these prefixes.")
    List<String> matches = new ArrayList<>();

    @Mixin
    ExtensionOptions extensions;

    @Option(names = "--force", description = "Take an extension's release file named otherwise than the extension image.")
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
        if (backend.offline() && units.now) {
            throw new UsageException("--now cannot restart units in a root tree that is not running (--root)");
        }
        ReattachRequest request = new ReattachRequest(ImageArgument.of(image, main, spec), extensions.arguments(),
                matches, profileName, attach.copyMode, units.runtime, units.enable, units.now, units.noReload, force);
        ReattachResult result = backend.portables(main, spec, imagePath).reattach(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.matches(out, matches);
            ChangePrinter.units(out, "Stopped", result.stopped());
            ChangePrinter.changes(out, result.removed());
            ChangePrinter.changes(out, result.updated());
            ChangePrinter.changes(out, result.enableChanges());
            ChangePrinter.units(out, "Restarted", result.started());
        }
        return 0;
    }
}
