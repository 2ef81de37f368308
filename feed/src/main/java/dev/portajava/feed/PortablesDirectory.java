package dev.portajava.feed;

import dev.portajava.digest.Sha256;
import dev.portajava.name.ImageFile;
import dev.portajava.name.Version;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The images of one installed service in {@code /var/lib/portables}, and its downloads in progress: in the hidden
 * directory {@code .portajava-downloads}, which portabled does not list, until they are checked.
 */
final class PortablesDirectory {

    static final Path PORTABLES = Path.of("var/lib/portables");
    static final String DOWNLOADS = ".portajava-downloads";

    private final Path directory;
    private final String name;
    private final UpdateHook hook;

    PortablesDirectory(Path root, String name, UpdateHook hook) {
        this.directory = root.resolve(PORTABLES);
        this.name = name;
        this.hook = hook;
    }

    Path image(String file) {
        return directory.resolve(file);
    }

    /** Where {@code file} is downloaded to, until it is checked. */
    Path download(String file) {
        return directory.resolve(DOWNLOADS).resolve(file);
    }

    /** Removes the downloads directory if nothing is left in it. */
    void removeDownloadsIfEmpty() throws IOException {
        try {
            Files.deleteIfExists(directory.resolve(DOWNLOADS));
        } catch (DirectoryNotEmptyException e) {
            // another service's update is downloading
        }
    }

    /** Removes what an interrupted update of this service left in the downloads (its files, and theirs). */
    void discardLeftovers() throws IOException {
        Path downloads = directory.resolve(DOWNLOADS);
        if (!Files.isDirectory(downloads)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(downloads, f -> {
            String file = f.getFileName().toString();
            return file.startsWith(name + "_") || file.startsWith("." + name + "_");
        })) {
            for (Path leftover : files) {
                hook.before(UpdateStep.DISCARD, "remove " + leftover);
                Files.deleteIfExists(leftover);
            }
        }
        removeDownloadsIfEmpty();
    }

    /** Whether {@code file} is a regular file (not a link) that holds the bytes of SHA-256 {@code sha256}. */
    static boolean holds(Path file, String sha256) throws IOException {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Sha256.hex(file).equals(sha256);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Removes the images install and update put there ({@link Installation#images}) older than their newest
     * {@code keep}, never the recorded version's, and only those that hold the bytes they were downloaded with: a
     * file of such a name that someone else put there, or changed since, stays. The record without the images that
     * are gone, or are not those any more.
     */
    Installation prune(Installation record, int keep) throws IOException {
        List<String> files = record.images().keySet().stream()
                .sorted(Comparator.comparing(f -> new Version(new ImageFile(f).version().orElseThrow())))
                .toList();
        List<String> gone = new ArrayList<>();
        for (String old : files.subList(0, Math.max(0, files.size() - keep))) {
            if (old.equals(record.imageFile())) {
                continue;
            }
            Path image = directory.resolve(old);
            if (holds(image, record.images().get(old))) {
                hook.before(UpdateStep.PRUNE, "remove " + image);
                Files.delete(image);
            }
            gone.add(old);
        }
        return record.without(gone);
    }
}
