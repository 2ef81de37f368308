package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.feed.FeedEntry;
import dev.portajava.feed.FeedKey;
import dev.portajava.feed.FeedPublisher;
import dev.portajava.feed.PublishOptions;
import dev.portajava.feed.PublishResult;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes images to a feed directory that machines pull from.",
            "It writes the images under their versioned names, SHA256SUMS and its OpenPGP signature SHA256SUMS.gpg"
                + " (what importctl, machinectl and systemd-sysupdate verify), a sysupdate transfer file per image,"
                + " and an index. Serve the directory with any web server."},
        footerHeading = "%nExamples:%n", footer = {"  portajava publish hello_1.0.raw --to /srv/feed --key feed.asc \\",
            "      --url https://feed.example.org/", "  portajava publish hello_1.1.raw --to /srv/feed --key feed.asc"
                + " --keep 2"})
final class PublishCommand implements Callable<Integer> {

    static final String PASSPHRASE = "PORTAJAVA_KEY_PASSPHRASE";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Raw images (NAME_VERSION.raw, or NAME.raw with"
            + " IMAGE_VERSION= in its os-release).")
    List<Path> images;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The feed directory (made if missing).")
    Path to;

    @Option(names = "--key", paramLabel = "KEY.asc", description = {"The OpenPGP secret key that signs SHA256SUMS"
            + " (armored or binary, as gpg --export-secret-keys writes it; its passphrase, if any, in "
            + PASSPHRASE + ").", "Without it the feed is unsigned."})
    Path key;

    @Option(names = "--url", paramLabel = "URL", description = "Where machines will fetch the feed; needed for the"
            + " sysupdate transfer files.")
    URI url;

    @Option(names = "--keep", paramLabel = "N", description = "Keep the N newest versions of each image; drop older"
            + " ones.")
    Integer keep;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default", description = "The profile the index"
            + " recommends for these images (default: ${DEFAULT-VALUE}).")
    String profile;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws PortajavaException, UsageException {
        if (keep != null && keep < 1) {
            throw new UsageException("--keep must keep one version at least");
        }
        if (url != null && (!url.isAbsolute() || url.getHost() == null && !"file".equals(url.getScheme()))) {
            throw new UsageException("--url " + url + " is not the address of a feed, such as https://feed.example.org/");
        }
        Optional<char[]> passphrase = Optional.ofNullable(main.environment().variables().get(PASSPHRASE))
                .map(String::toCharArray);
        Optional<FeedKey> feedKey = key == null ? Optional.empty() : Optional.of(FeedKey.read(key, passphrase));
        PublishOptions options = new PublishOptions(feedKey, Optional.ofNullable(url),
                keep == null ? OptionalInt.empty() : OptionalInt.of(keep), profile);
        PublishResult result = new FeedPublisher(to, options, Clock.systemUTC()).publish(images);
        print(result, feedKey);
        return ExitStatus.OK.code();
    }

    private void print(PublishResult result, Optional<FeedKey> feedKey) {
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("feed", to.toString());
            map.put("written", result.written());
            map.put("removed", result.removed());
            map.put("signedBy", feedKey.map(FeedKey::fingerprint).orElse(null));
            map.put("images", result.index().images());
            JsonOption.print(out, map);
            return;
        }
        if (result.written().isEmpty() && result.removed().isEmpty()) {
            out.println("The feed " + to + " holds these images already; nothing written.");
        }
        result.written().forEach(file -> out.println("Written " + to.resolve(file) + "."));
        result.removed().forEach(file -> out.println("Removed " + to.resolve(file) + "."));
        for (FeedEntry entry : result.index().images()) {
            out.println("  " + entry.name() + " " + entry.version() + "  " + entry.file());
        }
        feedKey.ifPresent(k -> out.println("Signed by " + k.fingerprint() + "."));
        if (feedKey.isEmpty()) {
            spec.commandLine().getErr().println("the feed is not signed: machines must pull it without verifying"
                    + " (importctl --verify=checksum, Verify=no); give --key to sign it");
        }
        if (url == null) {
            spec.commandLine().getErr().println("no sysupdate transfer files: give --url, the address machines fetch"
                    + " the feed from");
        }
    }
}
