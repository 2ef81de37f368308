package dev.portajava.profiles;

import dev.portajava.name.UnitType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds sandbox profiles the way portabled does: the first of its profile directories that has a directory of
 * that name wins. The four profiles of systemd 252 are built in and come last, so a host without them (or
 * without portabled) still has them.
 */
public final class ProfileCatalog {

    /** portabled's search path for profiles, most important first. */
    public static final List<Path> HOST_DIRECTORIES = List.of(
            Path.of("/etc/systemd/portable/profile"),
            Path.of("/run/systemd/portable/profile"),
            Path.of("/usr/local/lib/systemd/portable/profile"),
            Path.of("/usr/lib/systemd/portable/profile"));

    private static final String BUILTIN = "builtin/";

    private final List<Path> directories;

    private ProfileCatalog(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The catalog of this host: portabled's directories, then the built-in profiles. */
    public static ProfileCatalog host() {
        return new ProfileCatalog(HOST_DIRECTORIES);
    }

    /** Only the profiles built into portajava. */
    public static ProfileCatalog builtIn() {
        return new ProfileCatalog(List.of());
    }

    /** Profiles searched in {@code directories} (under a root tree, say), then the built-in ones. */
    public static ProfileCatalog of(List<Path> directories) {
        return new ProfileCatalog(directories);
    }

    /** The profile called {@code name}. */
    public Profile get(String name) throws UnknownProfileException {
        ProfileName profileName;
        try {
            profileName = new ProfileName(name);
        } catch (IllegalArgumentException e) {
            throw new UnknownProfileException(name, names());
        }
        return find(profileName).orElseThrow(() -> new UnknownProfileException(name, names()));
    }

    /** The profile called {@code name}, if any directory or the built-in set has it. */
    public Optional<Profile> find(ProfileName name) {
        for (Path directory : directories) {
            Path dir = directory.resolve(name.value());
            if (Files.isDirectory(dir)) {
                return Optional.of(load(name, dir));
            }
        }
        return builtInNames().contains(name.value()) ? Optional.of(loadBuiltIn(name)) : Optional.empty();
    }

    /** Every profile name, sorted; a name found in several places is listed once. */
    public List<String> names() {
        TreeMap<String, Boolean> names = new TreeMap<>();
        for (Path directory : directories) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    entries.filter(Files::isDirectory).forEach(p -> names.put(p.getFileName().toString(), true));
                } catch (IOException e) {
                    // an unreadable profile directory holds no profiles we can offer
                }
            }
        }
        builtInNames().forEach(n -> names.put(n, true));
        return List.copyOf(names.keySet());
    }

    /** Every profile, in name order, each as the search path resolves it. */
    public List<Profile> all() {
        List<Profile> profiles = new ArrayList<>();
        for (String name : names()) {
            find(new ProfileName(name)).ifPresent(profiles::add);
        }
        return profiles;
    }

    private static Profile load(ProfileName name, Path dir) {
        Map<UnitType, String> dropIns = new EnumMap<>(UnitType.class);
        for (UnitType type : UnitType.values()) {
            Path file = dir.resolve(type.suffix() + ".conf");
            if (Files.isRegularFile(file)) {
                try {
                    dropIns.put(type, Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read profile file " + file, e);
                }
            }
        }
        return new Profile(name, dropIns, Optional.of(dir));
    }

    private static Profile loadBuiltIn(ProfileName name) {
        Map<UnitType, String> dropIns = new EnumMap<>(UnitType.class);
        for (UnitType type : UnitType.values()) {
            readResource(BUILTIN + name.value() + "/" + type.suffix() + ".conf").ifPresent(t -> dropIns.put(type, t));
        }
        return new Profile(name, dropIns, Optional.empty());
    }

    private static List<String> builtInNames() {
        return readResource(BUILTIN + "index").map(String::lines).map(Stream::toList).orElse(List.of());
    }

    private static Optional<String> readResource(String name) {
        try (InputStream in = ProfileCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in profile resource " + name, e);
        }
    }
}
