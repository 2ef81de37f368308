package dev.portajava.builder;

import dev.portajava.builder.internal.SpecLoader;
import dev.portajava.health.HealthCheck;
import dev.portajava.name.ImageName;
import dev.portajava.name.PortableScope;
import dev.portajava.name.Prefix;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.PlanEntry;
import dev.portajava.tree.Xattrs;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.TreeMap;
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
 * kind = "portable"             # or "extension", with an [extension] table
 * scope = "system"              # or "user": for a user's service manager (portablectl --user, systemd 260+)
 *
 * [extension]                   # kind = "extension" only (then no [from], no [os-release]): the base it extends
 * base-id = "runtime"           # the base's ID=, or "_any"
 * base-sysext-level = "1"       # and/or base-version-id = "1.0"
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
 * allow-setuid = false
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
 *
 * [health]                      # optional, portable images only: how portajava update tells the service is healthy
 * url = "http://127.0.0.1:8080/health"   # or command = "…", run in the service's context
 * timeout = "10s"
 * </pre>
 */
public record ImageSpec(
        Image image,
        From from,
        Extension extension,
        Map<String, String> osRelease,
        List<CopyTree> copy,
        List<FileEntry> file,
        List<SymlinkEntry> symlink,
        List<DirectoryEntry> directory,
        HealthCheck health) {

    /** Keys portajava writes into os-release from the {@code [image]} table; {@code [os-release]} may not set them. */
    public static final Set<String> MANAGED_OS_RELEASE_KEYS =
            Set.of(Prefix.OS_RELEASE_FIELD, "PORTABLE_PRETTY_NAME", PortableScope.OS_RELEASE_FIELD, "IMAGE_ID",
                    "IMAGE_VERSION");

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
            if (e.getKey().startsWith(HealthCheck.FIELD_PREFIX)) {
                throw new IllegalArgumentException("[os-release] may not set " + e.getKey()
                        + "; it is written from the [health] table");
            }
            if (MANAGED_OS_RELEASE_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("[os-release] may not set " + e.getKey()
                        + "; it is written from the [image] table");
            }
            if (e.getValue() == null || ControlCharacters.contains(e.getValue())) {
                throw new IllegalArgumentException("[os-release] " + e.getKey()
                        + " must be a one-line string without control characters");
            }
        }
        if (osRelease.containsKey("ID") && osRelease.get("ID").isBlank()) {
            throw new IllegalArgumentException("[os-release] ID may not be empty");
        }
        if (image.kind() == ImageKind.EXTENSION) {
            if (extension == null) {
                throw new IllegalArgumentException("[image] kind = \"extension\" needs an [extension] table: the"
                        + " base it extends (base-id, base-version-id or base-sysext-level)");
            }
            if (from != null) {
                throw new IllegalArgumentException("[from] cannot start an extension image: a container image brings"
                        + " an os-release of its own; copy what the extension needs with [[copy]] or [[file]]");
            }
            if (!osRelease.isEmpty()) {
                throw new IllegalArgumentException("[os-release] belongs to portable images: an extension has no"
                        + " os-release, its extension-release is written from [image] and [extension]");
            }
            if (health != null) {
                throw new IllegalArgumentException("[health] belongs to portable images: an extension has no"
                        + " os-release to keep it in; declare the check in the portable image's spec");
            }
        } else if (extension != null) {
            throw new IllegalArgumentException("[extension] belongs to an extension image: set [image] kind ="
                    + " \"extension\" or remove the table");
        }
        copy = copy == null ? List.of() : List.copyOf(copy);
        file = file == null ? List.of() : List.copyOf(file);
        symlink = symlink == null ? List.of() : List.copyOf(symlink);
        directory = directory == null ? List.of() : List.copyOf(directory);
    }

    /** A spec without a {@code [health]} table. */
    public ImageSpec(Image image, From from, Extension extension, Map<String, String> osRelease, List<CopyTree> copy,
            List<FileEntry> file, List<SymlinkEntry> symlink, List<DirectoryEntry> directory) {
        this(image, from, extension, osRelease, copy, file, symlink, directory, null);
    }

    /** The spec's {@code [health]} table, if it has one. */
    public Optional<HealthCheck> healthCheck() {
        return Optional.ofNullable(health);
    }

    /** Reads and validates {@code portable.toml}, or the {@code portable.toml} inside a directory. */
    public static ImageSpec load(Path specFileOrDirectory) throws InvalidSpecException {
        return SpecLoader.load(SpecLoader.specFile(specFileOrDirectory));
    }

    /** The spec's {@code [image]} table. */
    public record Image(String name, String version, String prettyName, List<String> prefixes, List<String> units,
            ImageKind kind, PortableScope scope) {

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
            if (prettyName != null && (prettyName.isBlank() || ControlCharacters.contains(prettyName))) {
                throw new IllegalArgumentException("[image] pretty-name must be a non-empty, one-line string"
                        + " without control characters");
            }
            prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
            prefixes.forEach(Prefix::new);
            units = units == null ? List.of() : List.copyOf(units);
            kind = kind == null ? ImageKind.PORTABLE : kind;
            scope = scope == null ? PortableScope.SYSTEM : scope;
            if (scope == PortableScope.USER && kind == ImageKind.EXTENSION) {
                throw new IllegalArgumentException("[image] scope = \"user\" belongs to a portable image: an"
                        + " extension takes its base image's scope");
            }
        }

        /** An image of this kind for the system's service manager. */
        public Image(String name, String version, String prettyName, List<String> prefixes, List<String> units,
                ImageKind kind) {
            this(name, version, prettyName, prefixes, units, kind, PortableScope.SYSTEM);
        }

        /** A portable image with these settings. */
        public Image(String name, String version, String prettyName, List<String> prefixes, List<String> units) {
            this(name, version, prettyName, prefixes, units, ImageKind.PORTABLE);
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

    /**
     * What an extension image declares in its {@code extension-release} file about the base image it extends, which
     * portabled compares with the base's os-release when both are attached: the base's {@code ID=} ({@code _any}:
     * any base), and its {@code VERSION_ID=} or {@code SYSEXT_LEVEL=}.
     *
     * @param releaseName the {@code NAME} of {@code extension-release.NAME}; default: the image name
     * @param strict the {@code user.extension-release.strict} xattr of the file: {@code false} lets systemd use the
     *     file when the image file is named otherwise; unset when null
     */
    public record Extension(String baseId, String baseVersionId, String baseSysextLevel, String releaseName,
            Boolean strict) {

        /** The ID= of an extension that extends any base. */
        public static final String ANY = "_any";

        /** os-release(5)'s rule for ID=, VERSION_ID= and SYSEXT_LEVEL=. */
        private static final Pattern RELEASE_VALUE = Pattern.compile("[a-z0-9._\\-]+");
        /** A file name systemd takes as an image name, without the characters a unit or shell would mangle. */
        private static final Pattern RELEASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+~^\\-]{0,254}");

        public Extension {
            if (baseId == null) {
                throw new IllegalArgumentException("[extension] base-id is missing: the ID= of the base image's"
                        + " os-release, or \"" + ANY + "\" for any base");
            }
            releaseValue("base-id", baseId);
            if (ANY.equals(baseId)) {
                for (String[] key : new String[][] {{"base-version-id", baseVersionId},
                        {"base-sysext-level", baseSysextLevel}}) {
                    if (key[1] != null) {
                        throw new IllegalArgumentException("[extension] " + key[0] + " has no effect with base-id = \""
                                + ANY + "\", which extends any base whatever its version; remove it");
                    }
                }
            } else if (baseVersionId == null && baseSysextLevel == null) {
                throw new IllegalArgumentException("[extension] base-version-id is missing: the VERSION_ID= of the"
                        + " base image (or base-sysext-level, its SYSEXT_LEVEL=), which portabled requires to match");
            }
            if (baseVersionId != null) {
                releaseValue("base-version-id", baseVersionId);
            }
            if (baseSysextLevel != null) {
                releaseValue("base-sysext-level", baseSysextLevel);
            }
            if (releaseName != null && (!RELEASE_NAME.matcher(releaseName).matches() || releaseName.endsWith(".raw"))) {
                throw new IllegalArgumentException("[extension] release-name '" + releaseName + "' is not an image"
                        + " name (letters, digits and . _ : + ~ ^ -, starting with a letter or digit, at most 255,"
                        + " not ending in .raw)");
            }
        }

        private static void releaseValue(String key, String value) {
            if (!RELEASE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("[extension] " + key + " = \"" + value + "\" is not an os-release"
                        + " value (lower-case letters, digits, '.', '_' and '-')");
            }
        }

        /** The {@code NAME} of the image's {@code extension-release.NAME}. */
        public String releaseNameOr(String imageName) {
            return releaseName == null ? imageName : releaseName;
        }
    }

    /** The container image the tree starts from, if any. */
    public Optional<From> base() {
        return Optional.ofNullable(from);
    }

    /**
     * A directory copied into the image: its contents land under {@code to}, with their modes.
     *
     * @param allowSetuid keep setuid and setgid bits; without it they are removed, with a warning naming the files
     */
    public record CopyTree(String from, String to, Boolean allowSetuid) {
        public CopyTree {
            requireSource("[[copy]] from", from);
            to = to == null ? "/" : to;
            requireImagePath("[[copy]] to", to);
            allowSetuid = Boolean.TRUE.equals(allowSetuid);
        }

        /** A tree whose setuid and setgid bits are removed. */
        public CopyTree(String from, String to) {
            this(from, to, null);
        }
    }

    /**
     * A single file: copied {@code from} a host path (absolute) or a path in the spec directory (relative), or
     * written from the inline {@code content}.
     */
    public record FileEntry(String from, String content, String to, FileMode mode, Map<String, String> xattrs) {
        public FileEntry {
            if ((from == null) == (content == null)) {
                throw new IllegalArgumentException("[[file]] needs exactly one of 'from' and 'content'"
                        + (to == null ? "" : " (to = \"" + to + "\")"));
            }
            if (from != null) {
                requireSource("[[file]] from", from);
            }
            requireImagePath("[[file]] to", to);
            xattrs = checkedXattrs("[[file]]", "to", to, xattrs);
        }

        public FileEntry(String from, String content, String to, FileMode mode) {
            this(from, content, to, mode, null);
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
            int bytes = target.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > PlanEntry.MAX_TARGET_BYTES) {
                throw new IllegalArgumentException("[[symlink]] target is " + bytes + " bytes long, more than the "
                        + PlanEntry.MAX_TARGET_BYTES + " a symlink holds (path = \"" + path + "\")");
            }
        }
    }

    /** An empty directory in the image. */
    public record DirectoryEntry(String path, FileMode mode, Map<String, String> xattrs) {
        public DirectoryEntry {
            requireImagePath("[[directory]] path", path);
            xattrs = checkedXattrs("[[directory]]", "path", path, xattrs);
        }

        public DirectoryEntry(String path, FileMode mode) {
            this(path, mode, null);
        }

        public FileMode modeOrDefault() {
            return mode == null ? new FileMode(0755) : mode;
        }
    }

    /**
     * An entry's extended attributes, name to text value: only {@code user.*} ones, which every format keeps (a
     * directory image cannot carry {@code trusted.*} or {@code security.*} without root).
     */
    private static Map<String, String> checkedXattrs(String table, String key, String path, Map<String, String> xattrs) {
        if (xattrs == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> xattr : xattrs.entrySet()) {
            String at = table + " xattrs \"" + xattr.getKey() + "\" (" + key + " = \"" + path + "\")";
            requireText(at, xattr.getKey());
            if (!xattr.getKey().startsWith("user.") || xattr.getKey().length() == "user.".length()) {
                throw new IllegalArgumentException(at + ": a spec sets user.* attributes only");
            }
            if (xattr.getValue() == null) {
                throw new IllegalArgumentException(at + " must be a string");
            }
            requireText(at, xattr.getValue());
            try {
                Xattrs.NONE.with(xattr.getKey(), xattr.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return Collections.unmodifiableMap(new TreeMap<>(xattrs));
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
