package dev.portajava.builder.internal;

import dev.portajava.builder.InvalidOutputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, before anything is fetched or written, whether a build may write its image at the output path. The
 * output may never be the root, the current directory or one of its parents. An existing output is replaced only
 * with {@code --force}, only if it is an image (a regular file, or a directory that holds an os-release of its own),
 * and never if it is, holds or lies inside one of the build's inputs.
 */
final class OutputGuard {

    /** Where a directory image keeps its os-release; an os-release reached through a link out of it does not count. */
    private static final List<String> OS_RELEASE = List.of("usr/lib/os-release", "etc/os-release");

    private OutputGuard() {
    }

    /**
     * @param given the output as the user named it, for messages
     * @param target {@code given}, absolute and normalised: where the image goes
     * @param inputs every file and directory the build reads (spec, sources, archives, keys, the cache)
     */
    static void check(Path given, Path target, boolean force, List<Path> inputs) throws InvalidOutputException {
        Path shown = given.toString().isEmpty() ? Path.of("\"\"") : given;
        Path parent = target.getParent();
        if (parent == null) {
            throw new InvalidOutputException(shown, "the output may not be the root directory");
        }
        Path current = Path.of("").toAbsolutePath();
        if (current.startsWith(target) || real(current).startsWith(realOutput(target))) {
            throw new InvalidOutputException(shown, "the output may not be the current directory (" + current
                    + ") or one of its parents; name the image to write, such as NAME.raw");
        }
        if (!Files.isDirectory(parent)) {
            throw new InvalidOutputException(shown, "the directory " + parent + " does not exist");
        }
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there: nothing replaced
        }
        if (!force) {
            throw InvalidOutputException.exists(shown);
        }
        Path realTarget = realOutput(target);
        for (String relation : List.of("is", "holds", "lies inside")) {
            for (Path input : inputs) {
                Path absolute = input.toAbsolutePath().normalize();
                if (relation.equals(relation(target, absolute)) || relation.equals(relation(realTarget, real(absolute)))) {
                    throw new InvalidOutputException(shown, relation + " " + absolute + ", which this build reads;"
                            + " --force never replaces an input");
                }
            }
        }
        if (!existing.isRegularFile() && !(existing.isDirectory()
                && (holdsOsRelease(target) || holdsExtensionRelease(target)))) {
            throw new InvalidOutputException(shown, "is " + kind(existing) + ", not an image; --force replaces only a"
                    + " regular file or a directory image (one with usr/lib/os-release or etc/os-release, or an"
                    + " extension's usr/lib/extension-release.d/extension-release.NAME)");
        }
    }

    /** The replacement that a sidecar file ({@code NAME.verity}, …) may get: a regular file that is no input. */
    static void checkSidecar(Path sidecar, List<Path> inputs) throws InvalidOutputException {
        if (!Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidOutputException(sidecar, "is not a regular file; --force replaces only regular files");
        }
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            if (relation(sidecar, absolute) != null || relation(realOutput(sidecar), real(absolute)) != null) {
                throw new InvalidOutputException(sidecar, "is an input of this build; --force never replaces an input");
            }
        }
    }

    /** How the output {@code out} stands to the input {@code in}, in words; null if they are apart. */
    private static String relation(Path out, Path in) {
        if (out.equals(in)) {
            return "is";
        }
        if (in.startsWith(out)) {
            return "holds";
        }
        if (out.startsWith(in)) {
            return "lies inside";
        }
        return null;
    }

    /** Whether {@code dir} has an os-release that is a regular file inside it, links resolved. */
    private static boolean holdsOsRelease(Path dir) {
        Path root = real(dir);
        for (String name : OS_RELEASE) {
            Path candidate = dir.resolve(name);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                Path resolved = real(candidate);
                if (resolved.startsWith(root) && !resolved.equals(root) && Files.isRegularFile(resolved)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code dir} is an extension image: an extension-release that is a regular file inside it. */
    private static boolean holdsExtensionRelease(Path dir) {
        Path root = real(dir);
        Path releases = real(dir.resolve("usr/lib/extension-release.d"));
        if (!releases.startsWith(root) || !Files.isDirectory(releases, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(releases)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("extension-release.")
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory without an os-release";
        }
        return "a special file";
    }

    /** The output's real location: its parent's real path and its own name (itself not followed). */
    private static Path realOutput(Path target) {
        Path parent = target.getParent();
        return parent == null ? target : real(parent).resolve(target.getFileName());
    }

    /** {@code path} with its links resolved, as far as it exists. */
    private static Path real(Path path) {
        List<String> missing = new ArrayList<>();
        Path existing = path;
        while (existing != null) {
            try {
                Path resolved = existing.toRealPath();
                for (int i = missing.size() - 1; i >= 0; i--) {
                    resolved = resolved.resolve(missing.get(i));
                }
                return resolved.normalize();
            } catch (IOException e) {
                if (existing.getFileName() == null) {
                    break;
                }
                missing.add(existing.getFileName().toString());
                existing = existing.getParent();
            }
        }
        return path;
    }
}
