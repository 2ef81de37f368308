package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.AttachRequest;
import dev.portajava.attach.AttachResult;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.Portables;
import dev.portajava.feed.FeedClient;
import dev.portajava.feed.FeedConflictException;
import dev.portajava.feed.FeedEntry;
import dev.portajava.feed.FeedIndex;
import dev.portajava.feed.FeedTrust;
import dev.portajava.feed.Installation;
import dev.portajava.feed.Sha256Sums;
import dev.portajava.profiles.ProfileName;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Installs a service from a feed that 'portajava publish' wrote.",
            "It checks the signature of the feed's sums against a trusted key, downloads the newest version of the"
                + " image into /var/lib/portables and checks it, then attaches, enables and starts it with the profile"
                + " the feed recommends."},
        footerHeading = "%nExample:%n", footer = {"  portajava install hello --feed https://feed.example.org/ --key"
                + " feed.gpg"})
final class InstallCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The image name, as the feed lists it.")
    String name;

    @Option(names = "--feed", required = true, paramLabel = "URL", description = "The feed's address.")
    URI feed;

    @Option(names = "--key", paramLabel = "KEY", description = "The feed's public key (default: the keys in"
            + " /etc/portajava/keys/).")
    Path key;

    @Option(names = "--profile", paramLabel = "NAME", description = "Attach with this profile, not the one the feed"
            + " recommends.")
    String profile;

    @Mixin
    BackendOptions backend;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException, IOException {
        backend.refuseRemote(spec.name());
        Path root = backend.hostRoot();
        FeedTrust trust = key != null ? FeedTrust.of(List.of(key)) : FeedTrust.configured(root);
        FeedClient client = new FeedClient(feed, trust);
        Sha256Sums sums = client.sums();
        FeedIndex index = client.index(sums);
        FeedEntry entry = index.newest(name).orElseThrow(() -> new FeedConflictException(client.url() + ": has no"
                + " image " + name + "; it has " + String.join(", ", index.images().stream().map(FeedEntry::name)
                        .distinct().toList())));
        ProfileName profileName;
        try {
            profileName = new ProfileName(profile != null ? profile : entry.profile());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--profile: " + e.getMessage());
        }
        Path portables = root.resolve("var/lib/portables");
        Files.createDirectories(portables);
        Path image = portables.resolve(entry.file());
        boolean existed = Files.exists(image);
        client.download(entry, sums, image);
        AttachResult result;
        try {
            result = new Portables(backend.connector(main, spec, Optional.empty())).attach(new AttachRequest(
                    image.toString(), List.of(), List.of(), profileName, CopyMode.AUTO, false, true, !backend.offline(), false,
                    false));
        } catch (PortajavaException | RuntimeException e) {
            if (!existed) {
                Files.deleteIfExists(image);
            }
            throw e;
        }
        new Installation(entry.name(), entry.version(), client.url(), profileName.value()).save(root, Optional.ofNullable(key));
        print(entry, profileName, image, result);
        return ExitStatus.OK.code();
    }

    private void print(FeedEntry entry, ProfileName profileName, Path image, AttachResult result) {
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", entry.name());
            map.put("version", entry.version());
            map.put("image", image.toString());
            map.put("profile", profileName.value());
            map.put("attach", result);
            JsonOption.print(out, map);
            return;
        }
        ChangePrinter.changes(out, result.changes());
        ChangePrinter.changes(out, result.enableChanges());
        ChangePrinter.units(out, "Started", result.started());
        out.println("Installed " + entry.name() + " " + entry.version() + " from " + feed + " (" + image
                + ", profile " + profileName.value() + ").");
    }
}
