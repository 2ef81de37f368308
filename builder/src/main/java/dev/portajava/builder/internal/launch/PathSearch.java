package dev.portajava.builder.internal.launch;

import java.util.List;
import java.util.Optional;

/**
 * A command name looked up in a list of directories of the image, as systemd looks up an {@code Exec*=} command
 * given without a path and as {@code execvp} looks up {@code env}'s program: the first executable file of that name;
 * if there is none, the first file (which then cannot run).
 */
public final class PathSearch {

    private PathSearch() {
    }

    /** The path of {@code name} in the first directory of {@code dirs} that has it; empty if none has it. */
    public static Optional<String> find(ImageFiles files, List<String> dirs, String name) {
        String firstFile = null;
        for (String dir : dirs) {
            String candidate = dir + "/" + name;
            Optional<ImageFiles.RegularFile> file = files.resolve(candidate).flatMap(files::regularFile);
            if (file.isPresent() && file.get().executable()) {
                return Optional.of(candidate);
            }
            if (file.isPresent() && firstFile == null) {
                firstFile = candidate;
            }
        }
        return Optional.ofNullable(firstFile);
    }
}
