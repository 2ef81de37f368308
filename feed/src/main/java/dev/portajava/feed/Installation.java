package dev.portajava.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portajava.digest.Sha256;
import dev.portajava.name.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code portajava install} remembers of a service so that {@code update} can follow its feed:
 * {@code /var/lib/portajava/installed/NAME.json} with the version attached, the feed's address, the profile and
 * the images install and update put into {@code /var/lib/portables}, and {@code NAME.gpg}, the key given at install
 * (without it, the machine's configured keys check the feed).
 *
 * @param images the file names ({@code NAME_VERSION.raw}) of the images install and update put into
 *     {@code /var/lib/portables}, each with the signed SHA-256 it was downloaded with: only those are removed again
 *     (by update's pruning and by uninstall), and only while they hold those bytes, so that a file of such a name
 *     that someone else put there, or changed since, stays
 */
public record Installation(String name, String version, FeedAddress feed, String profile,
        Map<String, String> images) {

    /** Where the records are, relative to the machine's root. */
    public static final Path DIRECTORY = Path.of("var/lib/portajava/installed");

    public Installation {
        images = images == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(images));
        for (Map.Entry<String, String> image : images.entrySet()) {
            if (!isVersionOf(name, image.getKey()) || !Sha256.isHex(image.getValue())) {
                throw new IllegalArgumentException("images: '" + image.getKey() + "' is not an image of " + name
                        + " (NAME_VERSION.raw) with its SHA-256");
            }
        }
    }

    /** A record that names no image install or update put there (one written before they were recorded). */
    public Installation(String name, String version, FeedAddress feed, String profile) {
        this(name, version, feed, profile, Map.of());
    }

    private static boolean isVersionOf(String name, String file) {
        try {
            ImageFile image = new ImageFile(file);
            return image.raw() && image.version().isPresent() && image.name().value().equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Saves this record under {@code root}, and {@code key} as the key of its feed: none for the machine's keys. */
    public void save(Path root, Optional<Path> key) throws IOException {
        Path directory = Files.createDirectories(root.resolve(DIRECTORY));
        if (key.isPresent()) {
            Files.copy(key.get(), directory.resolve(name + ".gpg"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(directory.resolve(name + ".gpg"));
        }
        save(root);
    }

    /** Saves this record under {@code root}, keeping the key of its feed. */
    public void save(Path root) throws IOException {
        Path directory = Files.createDirectories(root.resolve(DIRECTORY));
        Path temporary = directory.resolve("." + name + ".json.tmp");
        Files.write(temporary, JSON.writeValueAsBytes(this));
        Files.move(temporary, directory.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The record of {@code name} under {@code root}, if it was installed from a feed.
     *
     * @throws FeedConflictException if the record is not one {@code install} writes, or names no feed address
     */
    public static Optional<Installation> load(Path root, String name) throws IOException, FeedConflictException {
        Path file = root.resolve(DIRECTORY).resolve(name + ".json");
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, Installation.class));
        } catch (JsonProcessingException e) {
            throw new FeedConflictException(file + ": " + (e.getCause() instanceof IllegalArgumentException bad
                    ? bad.getMessage() : "not a record of 'portajava install': " + e.getOriginalMessage()));
        }
    }

    /** The keys that check this service's feed: the one given at install, else the machine's. */
    public FeedTrust trust(Path root) throws FeedVerificationException {
        Path key = root.resolve(DIRECTORY).resolve(name + ".gpg");
        return Files.isRegularFile(key) ? FeedTrust.of(List.of(key)) : FeedTrust.configured(root);
    }

    /** The file of the recorded version in {@code /var/lib/portables}: {@code NAME_VERSION.raw}. */
    public String imageFile() {
        return name + "_" + version + ImageFile.RAW;
    }

    /** The image of the recorded version under {@code root}: {@code /var/lib/portables/NAME_VERSION.raw}. */
    public Path image(Path root) {
        return image(root, imageFile());
    }

    /** Where install and update put the image {@code file} under {@code root}: in {@code /var/lib/portables}. */
    public static Path image(Path root, String file) {
        return root.resolve(PortablesDirectory.PORTABLES).resolve(file);
    }

    /**
     * What uninstall removes under {@code root}: the recorded version's image, and each other image install and
     * update put there that holds the bytes it was downloaded with still; in the order of their file names.
     */
    public List<Path> installedImages(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Map.Entry<String, String> image : images.entrySet()) {
            if (!image.getKey().equals(imageFile())
                    && PortablesDirectory.holds(image(root, image.getKey()), image.getValue())) {
                found.add(image(root, image.getKey()));
            }
        }
        if (Files.isRegularFile(image(root), LinkOption.NOFOLLOW_LINKS)) {
            found.add(image(root));
        }
        found.sort(null);
        return found;
    }

    /** The same record, at {@code newVersion}. */
    public Installation at(String newVersion) {
        return new Installation(name, newVersion, feed, profile, images);
    }

    /** The same record, with {@code file} among the images put there, downloaded with SHA-256 {@code sha256}. */
    public Installation withImage(String file, String sha256) {
        Map<String, String> more = new TreeMap<>(images);
        more.put(file, sha256);
        return new Installation(name, version, feed, profile, more);
    }

    /** The same record, without {@code files} among the images put there. */
    Installation without(Collection<String> files) {
        Map<String, String> fewer = new TreeMap<>(images);
        fewer.keySet().removeAll(files);
        return new Installation(name, version, feed, profile, fewer);
    }

    /** Forgets {@code name}. */
    public static void remove(Path root, String name) throws IOException {
        Files.deleteIfExists(root.resolve(DIRECTORY).resolve(name + ".json"));
        Files.deleteIfExists(root.resolve(DIRECTORY).resolve(name + ".gpg"));
    }
}
