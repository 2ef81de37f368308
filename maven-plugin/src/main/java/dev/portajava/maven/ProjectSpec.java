package dev.portajava.maven;

import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code portable.toml} next to a project's POM: what the image holds beyond what the plugin makes. It is a
 * spec without an {@code [image]} table: {@code [os-release]} fields, {@code [[copy]]}, {@code [[file]]},
 * {@code [[symlink]]} and {@code [[directory]]} entries and {@code [health]}, read and checked by the builder's own
 * rules, relative paths relative to the project's directory (which they may not leave). The plugin owns the rest:
 * {@code [image]} (from its configuration), the tree ({@code [from]}, {@code [extension]}), the os-release field
 * {@code PORTAJAVA_PROFILE} ({@code <profile>}), the application's directory {@code /usr/lib/NAME} and the unit
 * ({@link OwnedPaths}, whatever the entry's target directory); the file setting any of them is refused, in one line
 * naming it.
 */
final class ProjectSpec {

    private ProjectSpec() {
    }

    /** The {@code portable.toml} in {@code projectDirectory}, if it has one. */
    static Optional<Path> in(Path projectDirectory) {
        Path file = projectDirectory.resolve(SpecLoader.SPEC_FILE_NAME);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    /** {@link #read(Path, ServiceImage)} of the project's spec, if it has one. */
    static Optional<ImageSpec> read(Optional<Path> file, ServiceImage image) throws InvalidSpecException {
        return file.isPresent() ? Optional.of(read(file.get(), image)) : Optional.empty();
    }

    /**
     * Reads {@code file} as the extra content of {@code image}'s spec: its {@code [image]} is the image's own,
     * its relative sources are made absolute.
     *
     * @throws InvalidSpecException if it cannot be read, is not a valid spec, or sets what the plugin owns
     */
    static ImageSpec read(Path file, ServiceImage image) throws InvalidSpecException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidSpecException(file, "is not a regular file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidSpecException(file, "cannot read: " + e.getMessage(), e);
        }
        refuseOwnedTables(file, bytes);
        // the image's own [image] table, last, so that a refusal's line and column are the file's
        ByteArrayOutputStream spec = new ByteArrayOutputStream(bytes.length + 128);
        spec.writeBytes(bytes);
        spec.writeBytes(("\n[image]\nname = " + SpecText.string(image.name()) + "\nversion = "
                + SpecText.string(image.version()) + "\n").getBytes(StandardCharsets.UTF_8));
        ImageSpec extra = SpecLoader.read(file, spec.toByteArray());
        if (extra.osRelease().containsKey(SpecText.PROFILE_FIELD)) {
            throw new InvalidSpecException(file, "[os-release] may not set " + SpecText.PROFILE_FIELD
                    + "; it is written from the plugin's <profile>");
        }
        Path base = file.toAbsolutePath().getParent().normalize();
        OwnedPaths owned = new OwnedPaths(image);
        List<ImageSpec.CopyTree> copies = new ArrayList<>();
        for (ImageSpec.CopyTree copy : extra.copy()) {
            String from = source(file, base, "[[copy]] from", copy.from());
            owned.refuseCopy(file, "[[copy]] from = " + SpecText.string(copy.from()) + ", to = "
                    + SpecText.string(copy.to()), FileNames.path(from), imagePath(file, "[[copy]] to", copy.to()));
            copies.add(new ImageSpec.CopyTree(from, copy.to(), copy.allowSetuid()));
        }
        List<ImageSpec.FileEntry> files = new ArrayList<>();
        for (ImageSpec.FileEntry entry : extra.file()) {
            owned.refuseEntry(file, "[[file]] to = " + SpecText.string(entry.to()),
                    imagePath(file, "[[file]] to", entry.to()), false);
            files.add(new ImageSpec.FileEntry(entry.from() == null ? null : source(file, base, "[[file]] from",
                    entry.from()), entry.content(), entry.to(), entry.mode(), entry.xattrs()));
        }
        for (ImageSpec.SymlinkEntry symlink : extra.symlink()) {
            owned.refuseEntry(file, "[[symlink]] path = " + SpecText.string(symlink.path()),
                    imagePath(file, "[[symlink]] path", symlink.path()), false);
        }
        for (ImageSpec.DirectoryEntry directory : extra.directory()) {
            owned.refuseEntry(file, "[[directory]] path = " + SpecText.string(directory.path()),
                    imagePath(file, "[[directory]] path", directory.path()), true);
        }
        return new ImageSpec(extra.image(), null, null, extra.osRelease(), copies, files, extra.symlink(),
                extra.directory(), extra.health());
    }

    /**
     * The plugin's spec with {@code extra}'s content: its os-release fields, its entries after the plugin's trees,
     * its health check.
     */
    static ImageSpec merged(ImageSpec generated, ImageSpec extra) {
        Map<String, String> osRelease = new LinkedHashMap<>(generated.osRelease());
        osRelease.putAll(extra.osRelease());
        List<ImageSpec.CopyTree> copies = new ArrayList<>(generated.copy());
        copies.addAll(extra.copy());
        List<ImageSpec.FileEntry> files = new ArrayList<>(generated.file());
        files.addAll(extra.file());
        List<ImageSpec.SymlinkEntry> symlinks = new ArrayList<>(generated.symlink());
        symlinks.addAll(extra.symlink());
        List<ImageSpec.DirectoryEntry> directories = new ArrayList<>(generated.directory());
        directories.addAll(extra.directory());
        return new ImageSpec(generated.image(), generated.from(), generated.extension(), osRelease, copies, files,
                symlinks, directories, extra.health());
    }

    /**
     * What of {@code extra} an extension image can hold: its entries, without {@code [os-release]} and
     * {@code [health]}, which belong to an image of its own.
     */
    static ImageSpec forExtension(ImageSpec extra) {
        return new ImageSpec(extra.image(), null, null, Map.of(), extra.copy(), extra.file(), extra.symlink(),
                extra.directory(), null);
    }

    /** Whether {@code extra} sets what {@link #forExtension} leaves out. */
    static boolean setsImageFields(ImageSpec extra) {
        return !extra.osRelease().isEmpty() || extra.health() != null;
    }

    /** {@code [image]}, {@code [from]} and {@code [extension]} are the plugin's. */
    private static void refuseOwnedTables(Path file, byte[] bytes) throws InvalidSpecException {
        Set<String> tables = SpecLoader.topLevelNames(file, bytes);
        if (tables.contains("image")) {
            throw new InvalidSpecException(file, "[image] is set by the plugin (<name>, <version>, <prettyName>"
                    + " and the unit it writes); remove the table");
        }
        if (tables.contains("from")) {
            throw new InvalidSpecException(file, "[from] cannot start the plugin's image: its tree is the"
                    + " project's runtime and jars; add files with [[copy]] or [[file]]");
        }
        if (tables.contains("extension")) {
            throw new InvalidSpecException(file, "[extension] does not apply: the plugin builds a portable image");
        }
    }

    private static ImagePath imagePath(Path file, String what, String path) throws InvalidSpecException {
        try {
            return ImagePath.of(path, what);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(file, e.getMessage());
        }
    }

    /** A source path as the builder takes it, absolute: a relative one is in the project's directory. */
    private static String source(Path file, Path base, String what, String path) throws InvalidSpecException {
        String printable = ControlCharacters.escapedUnambiguously(path);
        Path given;
        try {
            given = FileNames.path(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(file, what + ": " + e.getMessage());
        }
        if (given.isAbsolute()) {
            return path;
        }
        Path resolved = base.resolve(given).normalize();
        if (!resolved.startsWith(base)) {
            throw new InvalidSpecException(file, what + " '" + printable + "' escapes the project directory " + base);
        }
        if (!Files.exists(resolved)) {
            throw new InvalidSpecException(file, what + " '" + printable + "': no such file in " + base);
        }
        try {
            if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                throw new InvalidSpecException(file, what + " '" + printable + "' escapes the project directory "
                        + base + " through a symlink");
            }
        } catch (IOException e) {
            throw new InvalidSpecException(file, what + " '" + printable + "': " + e.getMessage(), e);
        }
        return FileNames.text(resolved);
    }
}
