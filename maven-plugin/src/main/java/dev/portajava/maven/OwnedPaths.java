package dev.portajava.maven;

import dev.portajava.builder.InvalidSpecException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The paths of a {@link ServiceImage} the plugin writes: the application's directory {@code /usr/lib/NAME} with all
 * it holds, and the unit. A project's {@code portable.toml} may put nothing at or under them, and nothing but a
 * directory at a directory that holds them ({@code /}, {@code /usr}, {@code /usr/lib} …), which a file or a symlink
 * would replace. A {@code [[copy]]} to such a directory is checked by the source tree's content, walked without
 * following symlinks (the builder copies a symlink as one).
 */
final class OwnedPaths {

    private final ImagePath home;
    private final ImagePath unit;
    private final String homeText;

    OwnedPaths(ServiceImage image) {
        this.homeText = image.home();
        this.home = ImagePath.of(image.home());
        this.unit = ImagePath.of("/usr/lib/systemd/system/" + image.name() + ".service");
    }

    /** What the plugin writes at or above {@code path}, if it is one of its paths or lies in one. */
    private Optional<String> owner(ImagePath path) {
        if (path.startsWith(home)) {
            return Optional.of(homeText + ": the runtime, the jars and the start-up archive");
        }
        return path.equals(unit) ? Optional.of("the unit " + unit) : Optional.empty();
    }

    /** What the plugin writes below {@code path}, if it is a directory that holds one of its paths. */
    private Optional<String> below(ImagePath path) {
        if (home.startsWith(path)) {
            return owner(home);
        }
        return unit.startsWith(path) ? owner(unit) : Optional.empty();
    }

    /**
     * Refuses {@code entry} ({@code [[file]] to = "/x"}) putting a directory ({@code directory}) or another file at
     * {@code path}.
     */
    void refuseEntry(Path file, String entry, ImagePath path, boolean directory) throws InvalidSpecException {
        Optional<String> owner = owner(path);
        if (owner.isPresent()) {
            throw new InvalidSpecException(file, entry + " is in what the plugin writes (" + owner.get() + ")");
        }
        Optional<String> below = below(path);
        if (below.isPresent() && !directory) {
            throw new InvalidSpecException(file, entry + " would replace the directory that holds what the plugin"
                    + " writes (" + below.get() + ")");
        }
    }

    /**
     * Refuses {@code entry}, a {@code [[copy]]} of {@code tree} to {@code to}, if the tree has anything at or under a
     * path the plugin writes, or anything but a directory at one that holds them.
     */
    void refuseCopy(Path file, String entry, Path tree, ImagePath to) throws InvalidSpecException {
        refuseEntry(file, entry, to, true);
        if (below(to).isEmpty()) {
            return;
        }
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                private final Deque<ImagePath> directories = new ArrayDeque<>();

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    ImagePath path = place(dir);
                    if (check(dir, path, true)) {
                        directories.push(path);
                        return FileVisitResult.CONTINUE;
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    directories.pop();
                    return super.postVisitDirectory(dir, e);
                }

                @Override
                public FileVisitResult visitFile(Path source, BasicFileAttributes attrs) throws IOException {
                    check(source, place(source), attrs.isDirectory());
                    return FileVisitResult.CONTINUE;
                }

                private ImagePath place(Path source) {
                    return directories.isEmpty() ? to : directories.peek().resolve(FileNames.name(source));
                }

                /** Whether the walk goes on below {@code source}, which holds what the plugin writes. */
                private boolean check(Path source, ImagePath path, boolean directory) throws Refusal {
                    String relative = ControlCharacters.escapedUnambiguously(FileNames.relative(tree, source));
                    String name = relative.isEmpty() ? "tree" : relative;
                    Optional<String> owner = owner(path);
                    if (owner.isPresent()) {
                        throw new Refusal(new InvalidSpecException(file, entry + ": its " + name + " would be "
                                + path.printable() + ", in what the plugin writes (" + owner.get() + ")"));
                    }
                    Optional<String> below = below(path);
                    if (below.isPresent() && !directory) {
                        throw new Refusal(new InvalidSpecException(file, entry + ": its " + name + ", not a"
                                + " directory, would replace " + path.printable() + ", the directory that holds what"
                                + " the plugin writes (" + below.get() + ")"));
                    }
                    return below.isPresent();
                }
            });
        } catch (Refusal e) {
            throw e.problem;
        } catch (IOException e) {
            throw new InvalidSpecException(file, entry + ": cannot read "
                    + ControlCharacters.escapedUnambiguously(e.getMessage()), e);
        }
    }

    /** A refusal carried out of the walk. */
    private static final class Refusal extends IOException {

        private static final long serialVersionUID = 1L;
        private final transient InvalidSpecException problem;

        Refusal(InvalidSpecException problem) {
            this.problem = problem;
        }
    }
}
