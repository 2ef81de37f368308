package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.DetachRequest;
import dev.portajava.attach.DetachResult;
import dev.portajava.attach.Portables;
import dev.portajava.feed.Installation;
import dev.portajava.name.ImageFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class UninstallCommand implements Command {

    static final Positional<String> NAME = Positional.one("NAME", ValueType.TEXT, "The image name.");

    private static final CommandModel MODEL = CommandModel.of("uninstall",
            "Uninstalls a service that 'portajava install' installed.",
            "It stops, disables and detaches the service, and removes its images (every version) from"
                + " /var/lib/portables.")
            .positionals(NAME).options(BackendOptions.ALL)
            .footer("Example", "  portajava uninstall hello");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException, IOException {
        BackendOptions backend = new BackendOptions(invocation);
        backend.refuseRemote(invocation.name());
        String name = invocation.value(NAME);
        Path root = backend.hostRoot();
        Path portables = root.resolve("var/lib/portables");
        List<Path> images = new ArrayList<>();
        if (Files.isDirectory(portables)) {
            try (var files = Files.list(portables)) {
                files.filter(f -> ImageFile.named(f).filter(ImageFile::raw)
                        .map(i -> i.name().value().equals(name)).orElse(false)).sorted().forEach(images::add);
            }
        }
        if (images.isEmpty()) {
            throw new UsageException("no image " + name + " in " + portables + "; nothing to uninstall");
        }
        Portables host = new Portables(backend.connector(Optional.empty()));
        PrintWriter out = invocation.out();
        String newest = images.get(images.size() - 1).toString();
        if (host.state(newest, List.of()).isAttached()) {
            DetachResult result = host.detach(new DetachRequest(newest, List.of(), List.of(), false, true, !backend.offline(),
                    false));
            ChangePrinter.units(out, "Stopped", result.stopped());
            ChangePrinter.changes(out, result.disableChanges());
            ChangePrinter.changes(out, result.changes());
        }
        for (Path image : images) {
            Files.delete(image);
            out.println("Removed " + image + ".");
        }
        Installation.remove(root, name);
        return ExitStatus.OK.code();
    }
}
