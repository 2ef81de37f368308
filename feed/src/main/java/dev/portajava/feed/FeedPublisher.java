package dev.portajava.feed;

import dev.portajava.attach.AttachException;
import dev.portajava.ddi.SigningKeyException;
import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code portajava publish}: adds images to a feed directory that systemd's importers and portajava's own client
 * read. Every image is read and checked, and every clash found, before anything is written; then the images go in,
 * the transfer files and the index, and last {@code SHA256SUMS} (covering all of them) and its signature. A
 * publish of what the feed holds already writes nothing.
 */
public final class FeedPublisher {

    private final Path directory;
    private final PublishOptions options;
    private final Clock clock;

    public FeedPublisher(Path directory, PublishOptions options, Clock clock) {
        this.directory = directory;
        this.options = options;
        this.clock = clock;
    }

    public PublishResult publish(List<Path> images) throws FeedException, AttachException, SigningKeyException {
        try (FeedDirectory feed = FeedDirectory.open(directory)) {
            FeedIndex before = feed.index();
            Sha256Sums sums = feed.sums();
            if (options.key().isEmpty() && feed.read(FeedDirectory.SIGNATURE).isPresent()) {
                throw new FeedConflictException(directory + ": the feed is signed; give the key that signs it (--key)");
            }
            Map<String, ImageToPublish> added = added(images, before);
            FeedIndex index = kept(merged(before, added));
            List<String> written = new ArrayList<>();
            for (ImageToPublish image : added.values()) {
                if (index.images().contains(image.entry(options.profile()))) { // not one --keep drops at once
                    feed.copy(image.path(), image.feedFile());
                    written.add(image.feedFile());
                }
            }
            for (FeedEntry entry : index.images()) {
                sums = sums.with(entry.file(), entry.sha256());
            }
            List<String> removed = new ArrayList<>();
            for (FeedEntry entry : before.images()) {
                if (!index.images().contains(entry)) {
                    sums = sums.without(entry.file());
                    removed.add(entry.file());
                }
            }
            sums = writeWithSum(feed, FeedIndex.FILE, index.render(), sums, written);
            for (TransferFile transfer : transfers(index)) {
                byte[] text = transfer.text(options.key().isPresent()).getBytes(StandardCharsets.UTF_8);
                sums = writeWithSum(feed, transfer.fileName(), text, sums, written);
            }
            byte[] sumsText = sums.render().getBytes(StandardCharsets.UTF_8);
            boolean sumsChanged = feed.write(FeedDirectory.SUMS, sumsText);
            if (sumsChanged) {
                written.add(FeedDirectory.SUMS);
            }
            if (options.key().isPresent() && (sumsChanged || feed.read(FeedDirectory.SIGNATURE).isEmpty())) {
                feed.write(FeedDirectory.SIGNATURE, options.key().get().sign(sumsText, clock.instant()));
                written.add(FeedDirectory.SIGNATURE);
            }
            for (String file : removed) {
                feed.delete(file);
            }
            return new PublishResult(written, removed, index, options.key().isPresent());
        } catch (IOException e) {
            throw new FeedException(directory + ": " + e.getMessage(), e);
        }
    }

    /** The images that are not in the feed yet, each checked against the feed and the others. */
    private Map<String, ImageToPublish> added(List<Path> images, FeedIndex feed)
            throws FeedConflictException, AttachException, IOException {
        Map<String, ImageToPublish> added = new LinkedHashMap<>();
        for (Path path : images) {
            ImageToPublish image = ImageToPublish.read(path);
            String clash = image.name() + " " + image.version() + " is in the feed already with other content";
            var published = feed.find(image.name(), image.version());
            if (published.isPresent()) {
                if (!published.get().sha256().equals(image.sha256())) {
                    throw new FeedConflictException(path + ": " + clash + " (sha256 " + published.get().sha256()
                            + "); publish it as a new version");
                }
                continue;
            }
            ImageToPublish twin = added.putIfAbsent(image.feedFile(), image);
            if (twin != null && !twin.sha256().equals(image.sha256())) {
                throw new FeedConflictException(path + ": " + image.name() + " " + image.version() + " is given"
                        + " twice, also as " + twin.path() + ", with other content");
            }
        }
        return added;
    }

    private FeedIndex merged(FeedIndex before, Map<String, ImageToPublish> added) {
        List<FeedEntry> entries = new ArrayList<>(before.images());
        added.values().forEach(image -> entries.add(image.entry(options.profile())));
        return new FeedIndex(FeedIndex.MARK, FeedIndex.FORMAT, entries);
    }

    /** The index without the versions {@code --keep} drops: the oldest of each name beyond the newest N. */
    private FeedIndex kept(FeedIndex index) {
        if (options.keep().isEmpty()) {
            return index;
        }
        List<FeedEntry> kept = new ArrayList<>();
        for (String name : new TreeSet<>(index.images().stream().map(FeedEntry::name).toList())) {
            List<FeedEntry> versions = index.images().stream().filter(e -> e.name().equals(name)).toList();
            kept.addAll(versions.subList(Math.max(0, versions.size() - options.keep().getAsInt()), versions.size()));
        }
        return new FeedIndex(FeedIndex.MARK, FeedIndex.FORMAT, kept);
    }

    private List<TransferFile> transfers(FeedIndex index) {
        if (options.url().isEmpty()) {
            return List.of();
        }
        return new TreeSet<>(index.images().stream().map(FeedEntry::name).toList()).stream()
                .map(name -> new TransferFile(name, options.url().get().uri(), options.instances())).toList();
    }

    private static Sha256Sums writeWithSum(FeedDirectory feed, String name, byte[] content, Sha256Sums sums,
            List<String> written) throws IOException {
        if (feed.write(name, content)) {
            written.add(name);
        }
        return sums.with(name, Sha256.hex(content));
    }
}
