package dev.portajava.feed;

import dev.portajava.name.ImageFile;
import dev.portajava.name.Version;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The images {@code NAME_VERSION.raw} of the service {@code name} in {@code directory}, the versions a feed gave
     * it, in the order of their file names; none if there is no such directory.
     */
    static List<Path> versions(Path directory, String name) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> ImageFile.named(f).filter(ImageFile::raw).filter(i -> i.version().isPresent())
                    .map(i -> i.name().value().equals(name)).orElse(false)).sorted().toList();
        }
    }

    /** Removes the images of this service older than the newest {@code keep}, never {@code recorded}. */
    void prune(String recorded, int keep) throws IOException {
        List<Path> images = versions(directory, name).stream()
                .sorted(Comparator.comparing(f -> new Version(ImageFile.of(f).version().orElseThrow()))).toList();
        for (Path old : images.subList(0, Math.max(0, images.size() - keep))) {
            if (!old.getFileName().toString().equals(recorded)) {
                hook.before(UpdateStep.PRUNE, "remove " + old);
                Files.delete(old);
            }
        }
    }
}
