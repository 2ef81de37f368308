package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.feed.FeedAddress;
import dev.portajava.feed.FeedEntry;
import dev.portajava.feed.FeedKey;
import dev.portajava.feed.FeedPublisher;
import dev.portajava.feed.PublishOptions;
import dev.portajava.feed.PublishResult;
import dev.portajava.profiles.ProfileName;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

final class PublishCommand implements Command {

    static final String PASSPHRASE = "PORTAJAVA_KEY_PASSPHRASE";

    static final Positional<Path> IMAGES = Positional.many(1, "IMAGE", ValueType.PATH, "Raw images (NAME_VERSION.raw,"
            + " or NAME.raw with IMAGE_VERSION= in its os-release).");
    static final Option<Path> TO = Option.value("--to", "DIR", ValueType.PATH, "The feed directory (made if missing).")
            .mandatory();
    static final Option<Path> KEY = Option.value("--key", "KEY.asc", ValueType.PATH, "The OpenPGP secret key that"
            + " signs SHA256SUMS (armored or binary, as gpg --export-secret-keys writes it; its passphrase, if any, in "
            + PASSPHRASE + ").", "Without it the feed is unsigned.");
    static final Option<FeedAddress> URL = Option.value("--url", "URL", ValueType.FEED, "Where machines will fetch the"
            + " feed; needed for the sysupdate transfer files.");
    static final Option<Integer> KEEP = Option.value("--keep", "N", ValueType.INTEGER, "Keep the N newest versions"
            + " of each image; drop older ones.");
    static final Option<ProfileName> PROFILE = Option.value("--profile", "NAME", ValueType.PROFILE,
            "The profile the index recommends for these images (default: ${DEFAULT-VALUE}).").defaultValue("default");

    private static final CommandModel MODEL = CommandModel.of("publish",
            "Publishes images to a feed directory that machines pull from.",
            "It writes the images under their versioned names, SHA256SUMS and its OpenPGP signature SHA256SUMS.gpg"
                + " (what importctl, machinectl and systemd-sysupdate verify), a sysupdate transfer file per image,"
                + " and an index. Serve the directory with any web server.")
            .positionals(IMAGES).options(TO, KEY, URL, KEEP, PROFILE, JsonOption.JSON)
            .footer("Examples", "  portajava publish hello_1.0.raw --to /srv/feed --key feed.asc \\",
                "      --url https://feed.example.org/",
                "  portajava publish hello_1.1.raw --to /srv/feed --key feed.asc --keep 2");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException, UsageException {
        Integer keep = invocation.value(KEEP);
        FeedAddress url = invocation.value(URL);
        Path key = invocation.value(KEY);
        Path to = invocation.value(TO);
        if (keep != null && keep < 1) {
            throw new UsageException("--keep must keep one version at least");
        }
        Optional<char[]> passphrase = Optional.ofNullable(invocation.environment().variables().get(PASSPHRASE))
                .map(String::toCharArray);
        Optional<FeedKey> feedKey = key == null ? Optional.empty() : Optional.of(FeedKey.read(key, passphrase));
        PublishOptions options = new PublishOptions(feedKey, Optional.ofNullable(url),
                keep == null ? OptionalInt.empty() : OptionalInt.of(keep), invocation.value(PROFILE).value());
        PublishResult result = new FeedPublisher(to, options, Clock.systemUTC()).publish(invocation.values(IMAGES));
        print(invocation, result, feedKey);
        return ExitStatus.OK.code();
    }

    private static void print(Invocation invocation, PublishResult result, Optional<FeedKey> feedKey) {
        PrintWriter out = invocation.out();
        Path to = invocation.value(TO);
        if (invocation.has(JsonOption.JSON)) {
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
            invocation.err().println("the feed is not signed: machines must pull it without verifying"
                    + " (importctl --verify=checksum, Verify=no); give --key to sign it");
        }
        if (invocation.value(URL) == null) {
            invocation.err().println("no sysupdate transfer files: give --url, the address machines fetch"
                    + " the feed from");
        }
    }
}
