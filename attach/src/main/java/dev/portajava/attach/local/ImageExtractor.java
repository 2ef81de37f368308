package dev.portajava.attach.local;

import dev.portajava.OsRelease;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.name.ImageName;
import dev.portajava.name.PortableScope;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Reads an image and its extensions as portabled does, and refuses what portabled refuses: no os-release or
 * extension-release, no {@code ID=}, an extension that does not fit the image ({@link ExtensionRelease}), matches
 * outside the {@code PORTABLE_PREFIXES=} of the image and its extensions, no matching unit. Every file it reads goes
 * through {@link CheckedFiles}, which refuses what would leak the host's files; both backends and {@code inspect}
 * read images here, so nothing is handed to portabled that portajava has not read and checked.
 */
public final class ImageExtractor {

    /** Where portabled finds os-release, in its order; both are checked, the first present is used. */
    private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");
    /** Where an image used as an extension keeps its release file, for the image's name; checked, not used. */
    private static final List<String> EXTENSION_RELEASE = List.of("/usr/lib/extension-release.d/extension-release.",
            "/etc/extension-release.d/extension-release.");
    /** systemd's unit types. */
    private static final Set<String> UNIT_TYPES = Set.of("service", "socket", "device", "mount", "automount", "swap",
            "target", "path", "timer", "slice", "scope");

    private ImageExtractor() {
    }

    /**
     * Everything attach needs from an image and its extensions, checked; nothing on the host is touched.
     *
     * @param force accept an extension whose release file is named otherwise than the image file
     */
    public static ImageContents extract(ImageStack stack, List<String> matches, boolean force)
            throws AttachException {
        return extract(stack, matches, force, PortableScope.SYSTEM);
    }

    /**
     * The same for a manager of {@code scope}: the units are read from that scope's unit directories, and an image
     * whose {@code PORTABLE_SCOPE=} names another scope is refused, as portabled 260+ refuses it.
     */
    public static ImageContents extract(ImageStack stack, List<String> matches, boolean force, PortableScope scope)
            throws AttachException {
        ImageContents contents = collect(stack, matches, force, scope);
        Map<String, String> osRelease = contents.osRelease();
        if (osRelease.getOrDefault("ID", "").isEmpty()) {
            throw new InvalidImageException("Image " + stack.base().hostPath() + " os-release metadata lacks the ID"
                    + " field");
        }
        requireScope(stack, osRelease, scope);
        List<Map<String, String>> releases = new ArrayList<>(List.of(osRelease));
        for (var extension : contents.extensionReleases().entrySet()) {
            Map<String, String> fields = OsRelease.parse(extension.getValue());
            Optional<String> mismatch = ExtensionRelease.mismatch(osRelease, fields);
            if (mismatch.isPresent()) {
                throw new InvalidImageException("Image " + extension.getKey() + " extension-release metadata does not"
                        + " match the root's: " + mismatch.get());
            }
            releases.add(fields);
        }
        Optional<SortedSet<String>> valid = Prefix.declaredIn(releases);
        if (valid.isPresent() && !valid.get().containsAll(contents.matches())) {
            throw new InvalidImageException("Selected matches '" + String.join("', '", contents.matches())
                    + "' are not compatible with portable service image '" + described(stack)
                    + "', refusing. (Acceptable prefix matches are: " + String.join(", ", valid.get()) + ")");
        }
        return someUnit(contents);
    }

    /**
     * The image's os-release, each extension's extension-release and the matching units of them all, refusing an
     * image without its release file, and a stack without a matching unit.
     */
    public static ImageContents read(ImageStack stack, List<String> matches, boolean force) throws AttachException {
        return read(stack, matches, force, PortableScope.SYSTEM);
    }

    /** The same, for a manager of {@code scope}: its units are read from that scope's unit directories. */
    public static ImageContents read(ImageStack stack, List<String> matches, boolean force, PortableScope scope)
            throws AttachException {
        return someUnit(collect(stack, matches, force, scope));
    }

    /** Refuses an image whose os-release declares another scope than the manager's it is attached to. */
    private static void requireScope(ImageStack stack, Map<String, String> osRelease, PortableScope scope)
            throws InvalidImageException {
        String declared = osRelease.getOrDefault(PortableScope.OS_RELEASE_FIELD, "");
        Optional<PortableScope> image = PortableScope.of(osRelease);
        if (image.isEmpty()) {
            throw new InvalidImageException("Image " + stack.base().hostPath() + ": " + PortableScope.OS_RELEASE_FIELD
                    + "=" + declared + " names no scope (system or user)");
        }
        if (image.get() != scope) {
            throw new InvalidImageException("Image " + stack.base().hostPath() + " is built for the " + image.get()
                    + " scope (" + (declared.isBlank() ? "no " + PortableScope.OS_RELEASE_FIELD + "= in its os-release"
                    : PortableScope.OS_RELEASE_FIELD + "=" + declared) + "), not for " + (scope == PortableScope.USER
                    ? "a user's service manager (--user); build it with [image] scope = \"user\""
                    : "the system's; attach it with --user"));
        }
    }

    private static ImageContents someUnit(ImageContents contents) throws InvalidImageException {
        if (contents.units().isEmpty()) {
            throw new InvalidImageException("Couldn't find any matching unit files in image '"
                    + described(contents.stack()) + "', refusing.");
        }
        return contents;
    }

    /** The release files and matching units, refusing an image without its release file. */
    private static ImageContents collect(ImageStack stack, List<String> matches, boolean force,
            PortableScope scope) throws AttachException {
        List<Prefix> prefixes = new ArrayList<>();
        for (String match : matches) {
            try {
                prefixes.add(new Prefix(match));
            } catch (IllegalArgumentException e) {
                throw new InvalidImageException(e.getMessage());
            }
        }
        TreeMap<String, ImageContents.UnitSource> units = new TreeMap<>();
        List<String> directories = unitDirectories(scope);
        String osRelease = readImage(stack.base(), prefixes, units, Optional.empty(), directories);
        Map<String, String> extensionReleases = new LinkedHashMap<>();
        for (PortableImage extension : stack.extensions()) {
            extensionReleases.put(extension.hostPath(), readImage(extension, prefixes, units, Optional.of(force),
                    directories));
        }
        List<String> selected = matches;
        if (matches.isEmpty()) {
            List<Prefix> implied = impliedPrefixes(ImageMetadata.releases(osRelease, extensionReleases.values()),
                    PortableImage.hostPaths(stack.all()), "Image " + described(stack));
            for (Iterator<String> unit = units.keySet().iterator(); unit.hasNext(); ) {
                if (!Prefix.selects(implied, unit.next())) {
                    unit.remove();
                }
            }
            selected = Prefix.values(implied);
        }
        return new ImageContents(stack, osRelease, extensionReleases, units, selected);
    }

    /**
     * The prefixes an attach without PREFIX arguments takes ({@link Prefix#implied}): those {@code releases} (of
     * the image and its extensions, {@link ImageMetadata#releases}) declare, else the names of {@code images} (paths
     * or names, {@link PortableImage#nameOf}); a declared prefix that is none is refused, naming {@code described}.
     */
    public static List<Prefix> impliedPrefixes(List<Map<String, String>> releases, List<String> images,
            String described) throws InvalidImageException {
        List<ImageName> names = new ArrayList<>();
        for (String image : images) {
            names.add(PortableImage.nameOf(image));
        }
        try {
            return Prefix.implied(releases, names);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(described + ": " + e.getMessage());
        }
    }

    /** The image, and its extensions as portabled names them in a message. */
    private static String described(ImageStack stack) {
        return stack.base().hostPath() + (stack.extensions().isEmpty() ? ""
                : "' or any of its extensions '" + String.join(", ", stack.extensionPaths()));
    }

    /**
     * Reads one image of a stack: adds its matching units whose names are not taken yet, and returns its release
     * file, os-release for the base image or extension-release for an extension ({@code force} present).
     */
    private static String readImage(PortableImage image, List<Prefix> prefixes,
            TreeMap<String, ImageContents.UnitSource> units, Optional<Boolean> force, List<String> directories)
            throws AttachException {
        try (ImageReader reader = ImageReaders.open(image.onDisk())) {
            CheckedFiles files = new CheckedFiles(reader, image.onDisk());
            Optional<byte[]> osRelease = Optional.empty();
            for (String path : OS_RELEASE) {
                Optional<byte[]> content = files.read(path);
                if (osRelease.isEmpty()) {
                    osRelease = content;
                }
            }
            String name = image.stem();
            for (String path : EXTENSION_RELEASE) {
                files.read(path + name);
            }
            Optional<byte[]> release;
            if (force.isEmpty()) {
                release = osRelease;
            } else {
                release = files.read(EXTENSION_RELEASE.get(0) + name);
                if (release.isEmpty()) {
                    release = ExtensionReleaseFile.renamed(reader, files, image, force.get());
                }
            }
            if (release.isEmpty()) {
                throw new InvalidImageException("Image '" + image.hostPath() + "' lacks "
                        + (force.isEmpty() ? "os-release" : "extension-release") + " data, refusing.");
            }
            List<String> existing = new ArrayList<>();
            for (String directory : directories) {
                Optional<String> resolved = reader.resolve(directory);
                if (resolved.isPresent()) {
                    existing.add(resolved.get());
                }
            }
            for (String directory : existing) {
                for (ImageReader.ImageEntry entry : reader.list(directory)) {
                    if (!isUnitFile(entry.name()) || !matches(entry.name(), prefixes)
                            || units.containsKey(entry.name())) {
                        continue;
                    }
                    String source = directory + "/" + entry.name();
                    Optional<byte[]> content = files.read(source);
                    checkDropIns(reader, files, entry.name(), existing);
                    if (content.isPresent() && UnitType.ofFileName(entry.name()).isPresent()) {
                        units.put(entry.name(), new ImageContents.UnitSource(content.get(), source, image));
                    }
                }
            }
            return new String(release.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidImageException(image.onDisk() + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /**
     * The image's own drop-ins for {@code unit}, {@code UNIT.d/*.conf} in each unit directory, go through the check.
     * Only the unit directories the image has are looked in ({@code existing}, their symlinks resolved): below one it
     * does not have, no {@code UNIT.d} can exist either.
     */
    private static void checkDropIns(ImageReader reader, CheckedFiles files, String unit, List<String> existing)
            throws IOException, InvalidImageException {
        for (String directory : existing) {
            Optional<String> dropIns = reader.resolve(directory + "/" + unit + ".d");
            if (dropIns.isEmpty()) {
                continue;
            }
            for (ImageReader.ImageEntry entry : reader.list(dropIns.get())) {
                if (entry.name().endsWith(".conf")) {
                    files.read(dropIns.get() + "/" + entry.name());
                }
            }
        }
    }

    /** Where portabled of {@code scope} reads an image's units: the system's whole unit path, or the users' one. */
    private static List<String> unitDirectories(PortableScope scope) {
        return scope == PortableScope.SYSTEM ? ScopePaths.SYSTEM.unitPath() : scope.unitDirectories();
    }

    /** A file name of any of systemd's unit types: portabled opens every such file, whatever its type. */
    private static boolean isUnitFile(String name) {
        return UnitName.isValid(name) && UNIT_TYPES.contains(name.substring(name.lastIndexOf('.') + 1));
    }

    private static boolean matches(String name, List<Prefix> prefixes) {
        return Prefix.selects(prefixes, name);
    }
}
