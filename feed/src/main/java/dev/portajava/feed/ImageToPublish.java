package dev.portajava.feed;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.local.ImageContents;
import dev.portajava.attach.local.ImageExtractor;
import dev.portajava.attach.local.ImageStack;
import dev.portajava.attach.local.PortableImage;
import dev.portajava.digest.Sha256;
import dev.portajava.name.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image given to {@code publish}, read and checked as attach reads it: its name from the file name, its version
 * from the file name or {@code IMAGE_VERSION=} (both, if given, must agree), its pretty name, and its SHA-256.
 */
record ImageToPublish(Path path, String name, String version, String sha256, long size, String prettyName) {

    static ImageToPublish read(Path path) throws AttachException, FeedConflictException, IOException {
        if (!Files.isRegularFile(path)) {
            throw new FeedConflictException(path + ": not an image file; a feed serves raw images (.raw)");
        }
        ImageFile file = ImageFile.of(path);
        String name = file.name().value();
        Path absolute = path.toAbsolutePath().normalize(); // messages name the path as given
        ImageContents contents = ImageExtractor.read(new ImageStack(new PortableImage(absolute,
                absolute.toString(), false), java.util.List.of()), java.util.List.of(name), false);
        String imageVersion = contents.osRelease().getOrDefault("IMAGE_VERSION", "");
        String version = file.version().orElse(imageVersion);
        if (version.isEmpty()) {
            throw new FeedConflictException(path + ": has no version (neither NAME_VERSION.raw nor IMAGE_VERSION=);"
                    + " a feed serves versioned images");
        }
        if (!imageVersion.isEmpty() && !imageVersion.equals(version)) {
            throw new FeedConflictException(path + ": its file name says version " + version + ", its os-release "
                    + imageVersion + "; rename the file or rebuild the image");
        }
        String pretty = contents.osRelease().getOrDefault("PORTABLE_PRETTY_NAME",
                contents.osRelease().getOrDefault("PRETTY_NAME", ""));
        return new ImageToPublish(path, name, version, Sha256.hex(path), Files.size(path), pretty);
    }

    /** The file name the image has in the feed. */
    String feedFile() {
        return name + "_" + version + ImageFile.RAW;
    }

    FeedEntry entry(String profile) {
        return new FeedEntry(name, version, feedFile(), sha256, size, prettyName, profile);
    }
}
