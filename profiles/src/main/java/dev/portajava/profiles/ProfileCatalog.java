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
import java.util.TreeSet;

/**
 * Finds sandbox profiles the way portabled does ({@link ProfileSearchPath}): a profile is in the search path when
 * one of its directories has a directory of that name, and each of its drop-ins is the first of that type there.
 * The four profiles of systemd 252 and portajava's {@code jit} ({@code default} less MemoryDenyWriteExecute=yes)
 * are built in and come last, so a host without them (or without portabled) still has them.
 */
public final class ProfileCatalog {

    private static final String BUILTIN = "builtin/";

    private final ProfileSearchPath searchPath;

    private ProfileCatalog(ProfileSearchPath searchPath) {
        this.searchPath = searchPath;
    }

    /** The catalog of this host: portabled's directories, then the built-in profiles. */
    public static ProfileCatalog host() {
        return new ProfileCatalog(ProfileSearchPath.host());
    }

    /** Only the profiles built into portajava. */
    public static ProfileCatalog builtIn() {
        return new ProfileCatalog(ProfileSearchPath.none());
    }

    /** Profiles searched in {@code searchPath} (under a root tree, say), then the built-in ones. */
    public static ProfileCatalog of(ProfileSearchPath searchPath) {
        return new ProfileCatalog(searchPath);
    }

    /** The profile called {@code name}. */
    public Profile get(String name) throws UnknownProfileException {
        ProfileName profileName;
        try {
            profileName = new ProfileName(name);
        } catch (IllegalArgumentException e) {
            throw new UnknownProfileException(name, names());
        }
        Optional<Profile> profile = find(profileName);
        if (profile.isEmpty()) {
            throw new UnknownProfileException(name, names());
        }
        return profile.get();
    }

    /** The profile called {@code name}, if any directory or the built-in set has it. */
    public Optional<Profile> find(ProfileName name) {
        Optional<Path> origin = searchPath.directory(name);
        if (origin.isPresent()) {
            return Optional.of(load(name, origin.get()));
        }
        List<String> files = builtInFiles();
        return builtInNames(files).contains(name.value()) ? Optional.of(loadBuiltIn(name, files)) : Optional.empty();
    }

    /** Every profile name, sorted; a name found in several places is listed once. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(searchPath.names());
        names.addAll(builtInNames(builtInFiles()));
        return List.copyOf(names);
    }

    /** Every profile, in name order, each as the search path resolves it. */
    public List<Profile> all() {
        List<Profile> profiles = new ArrayList<>();
        for (String name : names()) {
            find(new ProfileName(name)).ifPresent(profiles::add);
        }
        return profiles;
    }

    private Profile load(ProfileName name, Path origin) {
        Map<UnitType, String> dropIns = new EnumMap<>(UnitType.class);
        for (UnitType type : UnitType.values()) {
            Optional<Path> file = searchPath.dropIn(name, type);
            if (file.isPresent()) {
                try {
                    dropIns.put(type, Files.readString(file.get()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read profile file " + file.get(), e);
                }
            }
        }
        return new Profile(name, dropIns, Optional.of(origin));
    }

    /** The built-in profile {@code name}, from those of {@code files} (the index's lines) under its name. */
    private static Profile loadBuiltIn(ProfileName name, List<String> files) {
        Map<UnitType, String> dropIns = new EnumMap<>(UnitType.class);
        for (String file : files) {
            // NAME/TYPE.conf is the drop-in for units of TYPE, the type of a unit file named NAME.TYPE
            Optional<UnitType> type = UnitType.ofFileName(file.substring(0, file.length() - ".conf".length())
                    .replace('/', '.'));
            if (file.startsWith(name.value() + "/") && type.isPresent()) {
                dropIns.put(type.get(), readResource(BUILTIN + file).orElseThrow());
            }
        }
        return new Profile(name, dropIns, Optional.empty());
    }

    private static List<String> builtInNames(List<String> files) {
        TreeSet<String> names = new TreeSet<>();
        for (String file : files) {
            names.add(file.substring(0, file.indexOf('/')));
        }
        return List.copyOf(names);
    }

    /**
     * The built-in profiles' drop-ins, {@code NAME/TYPE.conf}, as their index lists them: only those are read, as
     * a resource that is not there is looked for in every jar of the class path.
     */
    private static List<String> builtInFiles() {
        Optional<String> index = readResource(BUILTIN + "index");
        if (index.isEmpty()) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        for (String line : index.get().split("\n")) {
            String file = line.strip();
            if (!file.isEmpty()) {
                files.add(file);
            }
        }
        return files;
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
