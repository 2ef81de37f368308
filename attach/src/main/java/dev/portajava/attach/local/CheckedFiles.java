package dev.portajava.attach.local;

import dev.portajava.attach.InvalidImageException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one check of every file read out of an image, by both backends and by {@code inspect}: unit files, their
 * drop-ins, os-release and extension-release. systemd 252's portabled resolves the directories inside the image,
 * but opens a unit file as the kernel does, with the image mounted on the host: a symlink with an absolute target
 * reads the host's file (an image's {@code shadow.service -> /etc/shadow} copies the host's {@code /etc/shadow}
 * into {@code /etc/systemd/system.attached}), so does one that climbs with {@code ..} above the image's root, and
 * a FIFO blocks it. So each such file must be a regular file, or a symlink whose target is relative, stays inside
 * the image, and ends at a regular file; anything else is refused, naming the entry. Symlinks are judged inside
 * the image, never followed on the host.
 */
final class CheckedFiles {

    /** Unit files and os-release are small; a bigger one is not what portabled would read either. */
    static final int MAX_FILE = 4 << 20;

    private final ImageReader reader;
    private final Path image;

    /** @param image the image as messages name it */
    CheckedFiles(ImageReader reader, Path image) {
        this.reader = reader;
        this.image = image;
    }

    /**
     * The content of the file at {@code path}, an absolute image path whose directory is resolved inside the image
     * as systemd resolves it; empty if nothing is there.
     *
     * @throws InvalidImageException if it is there but is not a regular file, or a symlink that stays inside the
     *     image and ends at one
     */
    Optional<byte[]> read(String path) throws IOException, InvalidImageException {
        int slash = path.lastIndexOf('/');
        Optional<String> directory = reader.resolve(slash <= 0 ? "/" : path.substring(0, slash));
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        String entry = (directory.get().equals("/") ? "" : directory.get()) + path.substring(slash);
        Optional<ImageReader.Stat> stat = reader.stat(entry);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        if (stat.get().kind() != ImageReader.Kind.SYMLINK) {
            if (stat.get().kind() != ImageReader.Kind.FILE) {
                throw refused(entry + " is " + stat.get().kind().description() + ", not a regular file");
            }
            return Optional.of(reader.read(entry, MAX_FILE));
        }
        String link = entry + " is a symlink to " + stat.get().linkTarget();
        Optional<String> target;
        try {
            target = reader.resolveMounted(entry);
        } catch (InImagePaths.LeavesImageException e) {
            throw refused(e.link().equals(entry) ? link + ", which leaves the image"
                    : link + ", which leaves the image: " + e.link() + " links to " + e.target());
        } catch (InImagePaths.SymlinkLoopException e) {
            throw refused(link + ", which loops");
        }
        if (target.isEmpty()) {
            throw refused(link + ", which is not in the image");
        }
        ImageReader.Kind kind = reader.stat(target.get()).map(ImageReader.Stat::kind).orElse(ImageReader.Kind.FILE);
        if (kind != ImageReader.Kind.FILE) {
            throw refused(link + ", which is " + kind.description() + ", not a regular file");
        }
        return Optional.of(reader.read(target.get(), MAX_FILE));
    }

    private InvalidImageException refused(String problem) {
        return new InvalidImageException(image + ": " + printable(problem));
    }

    /** Text with names from the image as one printable line: control characters are shown as {@code \xNN}. */
    static String printable(String name) {
        return ControlCharacters.escaped(name);
    }
}
