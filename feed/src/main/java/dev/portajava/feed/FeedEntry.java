package dev.portajava.feed;

import dev.portajava.name.ImageFile;
import dev.portajava.name.Version;
import dev.portajava.profiles.ProfileName;

/**
 * One image of a feed, as its index lists it for {@code portajava install}.
 *
 * @param name the image name ({@code hello})
 * @param version its version ({@code 1.0})
 * @param file its file in the feed ({@code hello_1.0.raw})
 * @param sha256 the SHA-256 of that file, in hex
 * @param size its size in bytes
 * @param prettyName {@code PORTABLE_PRETTY_NAME=} (or {@code PRETTY_NAME=}), empty when it has none
 * @param profile the sandbox profile to attach it with, a valid {@link ProfileName}
 */
public record FeedEntry(String name, String version, String file, String sha256, long size, String prettyName,
        String profile) {

    public FeedEntry {
        ImageFile image = new ImageFile(file);
        if (!image.name().value().equals(name) || !image.version().map(version::equals).orElse(false)) {
            throw new IllegalArgumentException(file + " is not the file of " + name + " " + version);
        }
        new ProfileName(profile);
    }

    /** Whether this entry is newer than {@code other} (of the same name), as systemd orders versions. */
    public boolean newerThan(FeedEntry other) {
        return new Version(version).compareTo(new Version(other.version)) > 0;
    }
}
