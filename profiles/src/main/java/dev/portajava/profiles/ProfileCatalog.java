package dev.portajava.profiles;

import dev.portajava.name.UnitType;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        String builtIn = BuiltInProfiles.SERVICE_DROP_INS.get(name.value());
        return builtIn == null ? Optional.empty()
                : Optional.of(new Profile(name, Map.of(UnitType.SERVICE, builtIn), Optional.empty()));
    }

    /** Every profile name, sorted; a name found in several places is listed once. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(searchPath.names());
        names.addAll(BuiltInProfiles.SERVICE_DROP_INS.keySet());
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
}
