package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.DetachRequest;
import dev.portajava.attach.DetachResult;
import dev.portajava.attach.Portables;
import dev.portajava.feed.Installation;
import dev.portajava.name.ImageName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class UninstallCommand implements Command {

    static final Positional<ImageName> NAME = Positional.one("NAME", ValueType.IMAGE_NAME,
            "The image name, as 'portajava install' was given it.");

    private static final CommandModel MODEL = CommandModel.of("uninstall",
            "Uninstalls a service that 'portajava install' installed.",
            "It stops, disables and detaches the service, and removes the images install and update put into"
                + " /var/lib/portables (NAME_VERSION.raw); a file of such a name put there otherwise, or changed"
                + " since, stays.")
            .positionals(NAME).options(BackendOptions.HERE_ONLY)
            .footer("Example", "  portajava uninstall hello");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException, IOException {
        BackendOptions backend = new BackendOptions(invocation);
        backend.refuseRemote(invocation.name());
        String name = invocation.value(NAME).value();
        Path root = backend.hostRoot();
        Installation installation = Installation.load(root, name).orElseThrow(() -> new UsageException(name
                + " was not installed by 'portajava install' (no record in " + root.resolve(Installation.DIRECTORY)
                + "); 'portajava detach IMAGE' detaches an image attached otherwise"));
        Path recorded = installation.image(root);
        PrintWriter out = invocation.out();
        if (Files.exists(recorded)) {
            Portables host = new Portables(backend.connector(Optional.empty()));
            if (host.state(recorded.toString(), List.of()).isAttached()) {
                DetachResult result = host.detach(new DetachRequest(recorded.toString(), List.of(), List.of(), false,
                        true, !backend.offline(), false));
                ChangePrinter.units(out, "Stopped", result.stopped());
                ChangePrinter.changes(out, result.disableChanges());
                ChangePrinter.changes(out, result.changes());
            }
        }
        for (Path image : installation.installedImages(root)) {
            Files.delete(image);
            out.println("Removed " + image + ".");
        }
        Installation.remove(root, name);
        return ExitStatus.OK.code();
    }
}
