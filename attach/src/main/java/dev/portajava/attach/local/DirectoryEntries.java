package dev.portajava.attach.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The entries of a directory, in name order. A loop over a directory stream rather than {@code Files.list}: attach
 * runs this on every start, and a stream pipeline loads some fifty classes of java.util.stream for it.
 */
final class DirectoryEntries {

    private DirectoryEntries() {
    }

    static List<Path> sorted(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        }
        Collections.sort(entries);
        return entries;
    }
}
