package dev.portajava.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portajava.name.ImageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What {@code portajava install} remembers of a service so that {@code update} can follow its feed:
 * {@code /var/lib/portajava/installed/NAME.json} with the version attached, the feed's address and the profile,
 * and {@code NAME.gpg}, the key given at install (without it, the machine's configured keys check the feed).
 */
public record Installation(String name, String version, FeedAddress feed, String profile) {

    /** Where the records are, relative to the machine's root. */
    public static final Path DIRECTORY = Path.of("var/lib/portajava/installed");

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
        return root.resolve(PortablesDirectory.PORTABLES).resolve(imageFile());
    }

    /** The images of every version of this service under {@code root}, in the order of their file names. */
    public List<Path> images(Path root) throws IOException {
        return PortablesDirectory.versions(root.resolve(PortablesDirectory.PORTABLES), name);
    }

    /** The same record, at {@code newVersion}. */
    public Installation at(String newVersion) {
        return new Installation(name, newVersion, feed, profile);
    }

    /** Forgets {@code name}. */
    public static void remove(Path root, String name) throws IOException {
        Files.deleteIfExists(root.resolve(DIRECTORY).resolve(name + ".json"));
        Files.deleteIfExists(root.resolve(DIRECTORY).resolve(name + ".gpg"));
    }
}
