package dev.portajava.builder.internal;

import dev.portajava.builder.InvalidSpecException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Content;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the source paths a spec names: absolute paths are on the build host; relative ones are in the spec
 * directory and may not leave it, neither with {@code ..} nor through a symlink. A path's text is its bytes as
 * {@link FileNames} has them, so that a non-ASCII path is found whatever the build host's locale.
 */
final class SourcePaths {

    private SourcePaths() {
    }

    static Path resolve(BuildContext context, String what, String path) throws InvalidSpecException {
        String from = ControlCharacters.escapedUnambiguously(path);
        Path given;
        try {
            given = FileNames.path(path);
        } catch (IllegalArgumentException e) {
            throw context.invalid(what + ": " + e.getMessage());
        }
        if (given.isAbsolute()) {
            if (!Files.exists(given)) {
                throw context.invalid(what + " '" + from + "': no such file on this host");
            }
            return given;
        }
        Path base = context.specDirectory().normalize();
        Path resolved = base.resolve(given).normalize();
        if (!resolved.startsWith(base)) {
            throw context.invalid(what + " '" + from + "' escapes the spec directory " + base);
        }
        if (!Files.exists(resolved)) {
            throw context.invalid(what + " '" + from + "': no such file in " + base);
        }
        try {
            if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                throw context.invalid(what + " '" + from + "' escapes the spec directory " + base + " through a symlink");
            }
        } catch (IOException e) {
            throw context.invalid(what + " '" + from + "': " + e.getMessage());
        }
        return resolved;
    }

    /**
     * The content of the regular file {@code source} names, read when the image is written. A file that says it is
     * empty is read now: a file of {@code /proc} or {@code /sys} says so and has bytes, or cannot be read at all.
     *
     * @throws IOException if it cannot be read
     */
    static Content content(Path source) throws IOException {
        Path real = source.toRealPath();
        long size = Files.size(real);
        if (size == 0) {
            return new Content.Inline(Files.readAllBytes(real));
        }
        if (!Files.isReadable(real)) {
            throw new AccessDeniedException(real.toString(), null, "Permission denied");
        }
        return new Content.HostFile(real, size);
    }
}
