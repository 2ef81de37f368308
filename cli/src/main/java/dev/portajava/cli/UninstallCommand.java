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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Uninstalls a service that 'portajava install' installed.",
            "It stops, disables and detaches the service, and removes its images (every version) from"
                + " /var/lib/portables."},
        footerHeading = "%nExample:%n", footer = {"  portajava uninstall hello"})
final class UninstallCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The image name.")
    String name;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() throws PortajavaException, IOException {
        backend.refuseRemote(spec.name());
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
        Portables host = new Portables(backend.connector(main, spec, Optional.empty()));
        PrintWriter out = spec.commandLine().getOut();
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
