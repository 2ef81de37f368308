package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.AttachRequest;
import dev.portajava.attach.AttachResult;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.Portables;
import dev.portajava.feed.FeedAddress;
import dev.portajava.feed.FeedClient;
import dev.portajava.feed.FeedConflictException;
import dev.portajava.feed.FeedEntry;
import dev.portajava.feed.FeedIndex;
import dev.portajava.feed.FeedTrust;
import dev.portajava.feed.Installation;
import dev.portajava.feed.Sha256Sums;
import dev.portajava.name.ImageName;
import dev.portajava.profiles.ProfileName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class InstallCommand implements Command {

    static final Positional<ImageName> NAME = Positional.one("NAME", ValueType.IMAGE_NAME,
            "The image name, as the feed lists it.");
    static final Option<FeedAddress> FEED = Option.value("--feed", "URL", ValueType.FEED, "The feed's address: a"
            + " directory's path, or a file, http or https URL.")
            .mandatory();
    static final Option<Path> KEY = Option.value("--key", "KEY", ValueType.PATH, "The feed's public key (default:"
            + " the keys in /etc/portajava/keys/).");
    static final Option<ProfileName> PROFILE = Option.value("--profile", "NAME", ValueType.PROFILE, "Attach with this"
            + " profile, not the one the feed recommends.");

    private static final CommandModel MODEL = CommandModel.of("install",
            "Installs a service from a feed that 'portajava publish' wrote.",
            "It checks the signature of the feed's sums against a trusted key, downloads the newest version of the"
                + " image into /var/lib/portables and checks it, then attaches, enables and starts it with the profile"
                + " the feed recommends.")
            .positionals(NAME).options(FEED, KEY, PROFILE).options(BackendOptions.HERE_ONLY)
            .options(JsonOption.JSON)
            .footer("Example", "  portajava install hello --feed https://feed.example.org/ --key feed.gpg");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException, IOException {
        BackendOptions backend = new BackendOptions(invocation);
        backend.refuseRemote(invocation.name());
        Path key = invocation.value(KEY);
        String name = invocation.value(NAME).value();
        ProfileName profile = invocation.value(PROFILE);
        FeedAddress feed = invocation.value(FEED);
        Path root = backend.hostRoot();
        FeedTrust trust = key != null ? FeedTrust.of(List.of(key)) : FeedTrust.configured(root);
        FeedAddress feedUrl;
        FeedEntry entry;
        String digest;
        Path image;
        boolean existed;
        Path made = null;
        try (FeedClient client = new FeedClient(feed, trust)) {
            feedUrl = client.url();
            Sha256Sums sums = client.sums();
            FeedIndex index = client.index(sums);
            entry = index.newest(name).orElseThrow(() -> new FeedConflictException(client.url() + ": has no image "
                    + name + "; it has " + String.join(", ", index.images().stream().map(FeedEntry::name)
                            .distinct().toList())));
            digest = client.signedDigest(entry.file(), sums);
            image = Installation.image(root, entry.file());
            existed = client.isDownloaded(entry, sums, image);
            if (!existed) {
                made = firstMissing(image.getParent());
                Files.createDirectories(image.getParent());
                try {
                    client.download(entry, sums, image);
                } catch (PortajavaException | RuntimeException e) {
                    removeEmpty(image.getParent(), made);
                    throw e;
                }
            }
        }
        ProfileName profileName = profile != null ? profile : new ProfileName(entry.profile());
        AttachResult result;
        try {
            result = new Portables(backend.connector(Optional.empty())).attach(new AttachRequest(
                    image.toString(), List.of(), List.of(), profileName, CopyMode.AUTO, false, true, !backend.offline(), false,
                    false));
        } catch (PortajavaException | RuntimeException e) {
            if (!existed) {
                Files.deleteIfExists(image);
                removeEmpty(image.getParent(), made);
            }
            throw e;
        }
        new Installation(entry.name(), entry.version(), feedUrl, profileName.value(), Map.of(entry.file(), digest))
                .save(root, Optional.ofNullable(key));
        print(invocation, entry, profileName, image, result);
        return ExitStatus.OK.code();
    }

    /** The outermost directory of {@code dir} and its parents that does not exist; null if {@code dir} exists. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing = d;
        }
        return missing;
    }

    /** Removes {@code dir} and its parents up to {@code made}, the directories an install made, while empty. */
    private static void removeEmpty(Path dir, Path made) throws IOException {
        if (made == null) {
            return;
        }
        for (Path d = dir; d != null && d.startsWith(made); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static void print(Invocation invocation, FeedEntry entry, ProfileName profileName, Path image,
            AttachResult result) {
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
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
        out.println("Installed " + entry.name() + " " + entry.version() + " from " + invocation.value(FEED) + " (" + image
                + ", profile " + profileName.value() + ").");
    }
}
