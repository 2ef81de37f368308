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
import java.util.List;

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
        Path absolute = path.toAbsolutePath().normalize(); // messages name the path as given
        String name = PortableImage.nameOf(absolute.toString()).value();
        ImageContents contents = ImageExtractor.read(new ImageStack(new PortableImage(absolute,
                absolute.toString(), false), List.of()), List.of(), false);
        if (!contents.matches().contains(name)) {
            // installed as NAME, it would be attached by the prefixes it implies, and detached and updated as NAME
            throw new FeedConflictException(path + ": a feed serves it as '" + name + "', the name in its file name,"
                    + " but its units have the prefix" + (contents.matches().size() == 1 ? " " : "es ")
                    + String.join(" ", contents.matches()) + "; name the file " + contents.matches().get(0)
                    + "_VERSION.raw");
        }
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
