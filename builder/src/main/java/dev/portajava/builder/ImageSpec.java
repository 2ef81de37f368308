package dev.portajava.builder;

import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.name.ImageName;
import dev.portajava.name.Prefix;
import dev.portajava.tree.ImagePath;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code portable.toml}: what goes into an image. It binds straight onto these records; each validates itself,
 * so a loaded spec is a valid one. Relative source paths are relative to the spec's directory.
 *
 * <pre>
 * [image]
 * name = "hello"
 * version = "1.0"
 * pretty-name = "Hello, portable"
 * units = ["hello.service"]
 *
 * [from]                        # optional: the tree starts from a container image
 * image = "registry.example:5000/team/app:1.4"   # or "oci:DIR", "docker-archive:FILE"
 * allow-setuid = false
 *
 * [os-release]
 * VERSION_CODENAME = "first"
 *
 * [[copy]]
 * from = "root"
 * to = "/"
 *
 * [[file]]
 * from = "/bin/busybox"
 * to = "/usr/bin/busybox"
 * mode = "0755"
 *
 * [[symlink]]
 * path = "/usr/bin/sh"
 * target = "busybox"
 *
 * [[directory]]
 * path = "/srv/www"
 * </pre>
 */
public record ImageSpec(
        Image image,
        From from,
        Map<String, String> osRelease,
        List<CopyTree> copy,
        List<FileEntry> file,
        List<SymlinkEntry> symlink,
        List<DirectoryEntry> directory) {

    /** Keys portajava writes into os-release from the {@code [image]} table; {@code [os-release]} may not set them. */
    public static final Set<String> MANAGED_OS_RELEASE_KEYS =
            Set.of("PORTABLE_PREFIXES", "PORTABLE_PRETTY_NAME", "IMAGE_ID", "IMAGE_VERSION");

    private static final Pattern OS_RELEASE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*");

    public ImageSpec {
        if (image == null) {
            throw new IllegalArgumentException("the [image] table is missing");
        }
        osRelease = osRelease == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(osRelease));
        for (Map.Entry<String, String> e : osRelease.entrySet()) {
            if (!OS_RELEASE_KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("[os-release] key '" + e.getKey() + "' is not an os-release field name");
            }
            if (MANAGED_OS_RELEASE_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("[os-release] may not set " + e.getKey()
                        + "; it is written from the [image] table");
            }
            if (e.getValue() == null || e.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("[os-release] " + e.getKey() + " must be a one-line string");
            }
        }
        if (osRelease.containsKey("ID") && osRelease.get("ID").isBlank()) {
            throw new IllegalArgumentException("[os-release] ID may not be empty");
        }
        copy = copy == null ? List.of() : List.copyOf(copy);
        file = file == null ? List.of() : List.copyOf(file);
        symlink = symlink == null ? List.of() : List.copyOf(symlink);
        directory = directory == null ? List.of() : List.copyOf(directory);
    }

    /** Reads and validates {@code portable.toml}, or the {@code portable.toml} inside a directory. */
    public static ImageSpec load(Path specFileOrDirectory) throws InvalidSpecException {
        return SpecLoader.load(SpecLoader.specFile(specFileOrDirectory));
    }

    /** The spec's {@code [image]} table. */
    public record Image(String name, String version, String prettyName, List<String> prefixes, List<String> units) {

        private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.~^+\\-]*");

        public Image {
            if (name == null) {
                throw new IllegalArgumentException("[image] name is missing");
            }
            new ImageName(name);
            if (version == null) {
                throw new IllegalArgumentException("[image] version is missing");
            }
            if (!isVersion(version)) {
                throw new IllegalArgumentException("[image] version '" + version + "' is not a version"
                        + " (letters, digits and . ~ ^ + -)");
            }
            if (prettyName != null && (prettyName.isBlank() || prettyName.indexOf('\n') >= 0)) {
                throw new IllegalArgumentException("[image] pretty-name must be a non-empty, one-line string");
            }
            prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
            prefixes.forEach(Prefix::new);
            units = units == null ? List.of() : List.copyOf(units);
        }

        /** Whether {@code text} can be an image version: letters, digits and {@code . ~ ^ + -}. */
        public static boolean isVersion(String text) {
            return VERSION.matcher(text).matches();
        }

        /** The prefixes the image's units must carry: those declared, else the image name. */
        public List<Prefix> unitPrefixes() {
            return prefixes.isEmpty() ? List.of(new Prefix(name)) : prefixes.stream().map(Prefix::new).toList();
        }

        public String prettyNameOrDefault() {
            return prettyName == null ? name + " " + version : prettyName;
        }
    }

    /**
     * The container image the tree starts from; the spec's files, symlinks, directories and units are laid on top.
     * Relative {@code oci:} and {@code docker-archive:} paths are relative to the spec's directory.
     *
     * @param image a registry reference ({@code registry.example:5000/team/app:1.4}, {@code …@sha256:…}),
     *     {@code oci:DIR[:REF]} or {@code docker-archive:FILE[:REPO:TAG]}
     * @param allowSetuid keep setuid and setgid bits; without it they are removed, with a warning naming the files
     */
    public record From(String image, Boolean allowSetuid) {
        public From {
            allowSetuid = Boolean.TRUE.equals(allowSetuid);
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("[from] image is missing");
            }
            if (image.indexOf('\0') >= 0 || image.indexOf('\n') >= 0 || !image.strip().equals(image)) {
                throw new IllegalArgumentException("[from] image '" + image.strip() + "' is not a reference");
            }
        }
    }

    /** The container image the tree starts from, if any. */
    public Optional<From> base() {
        return Optional.ofNullable(from);
    }

    /** A directory copied into the image: its contents land under {@code to}. */
    public record CopyTree(String from, String to) {
        public CopyTree {
            requireSource("[[copy]] from", from);
            to = to == null ? "/" : to;
            requireImagePath("[[copy]] to", to);
        }
    }

    /**
     * A single file: copied {@code from} a host path (absolute) or a path in the spec directory (relative), or
     * written from the inline {@code content}.
     */
    public record FileEntry(String from, String content, String to, FileMode mode) {
        public FileEntry {
            if ((from == null) == (content == null)) {
                throw new IllegalArgumentException("[[file]] needs exactly one of 'from' and 'content'"
                        + (to == null ? "" : " (to = \"" + to + "\")"));
            }
            if (from != null) {
                requireSource("[[file]] from", from);
            }
            requireImagePath("[[file]] to", to);
        }

        public Optional<FileMode> modeIfSet() {
            return Optional.ofNullable(mode);
        }
    }

    /** A symbolic link at {@code path} in the image, pointing to {@code target} (resolved inside the image). */
    public record SymlinkEntry(String path, String target) {
        public SymlinkEntry {
            requireImagePath("[[symlink]] path", path);
            if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("[[symlink]] target is missing (path = \"" + path + "\")");
            }
            requireText("[[symlink]] target", target);
        }
    }

    /** An empty directory in the image. */
    public record DirectoryEntry(String path, FileMode mode) {
        public DirectoryEntry {
            requireImagePath("[[directory]] path", path);
        }

        public FileMode modeOrDefault() {
            return mode == null ? new FileMode(0755) : mode;
        }
    }

    private static void requireSource(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character");
        }
        requireText(what, path);
    }

    private static void requireImagePath(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        requireText(what, path);
        ImagePath.of(path, what);
    }

    /** A spec is text: a TOML escape such as {@code \uDCFF} (a lone surrogate) is not a character of a name. */
    private static void requireText(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds \\u" + Integer.toHexString(c)
                        + ", which is not a character: a spec is text");
            }
        }
    }
}
