package dev.portajava.profiles;

import dev.portajava.name.UnitType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The directories systemd-portabled searches for profiles, most important first, on this host or under a root tree
 * ({@code --root}): {@code /etc/systemd/portable/profile}, {@code /run/…}, {@code /usr/local/lib/…},
 * {@code /usr/lib/…} ({@code CONF_PATHS("systemd/portable/profile")}).
 *
 * <p>One rule finds a profile's drop-in, portabled's: for units of type {@code T}, the first directory that has a
 * file {@code PROFILE/T.conf} wins, file by file: a profile may take its {@code service.conf} from
 * {@code /etc} and its {@code socket.conf} from {@code /usr/lib}. A file counts when it is a regular file (through a
 * symbolic link too); portabled takes any entry of that name, and would link a unit to a broken link or a directory,
 * leaving it without its sandbox: portajava passes over those.
 *
 * @param directories where the directories are now, most important first
 */
public record ProfileSearchPath(List<Path> directories) {

    /** The system's portabled's profile directories, as the running host sees them. */
    public static final List<String> SYSTEM_DIRECTORIES = List.of("/etc/systemd/portable/profile",
            "/run/systemd/portable/profile", "/usr/local/lib/systemd/portable/profile",
            "/usr/lib/systemd/portable/profile");

    public ProfileSearchPath {
        directories = List.copyOf(directories);
    }

    /** portabled's directories on this host. */
    public static ProfileSearchPath host() {
        return under(Path.of("/"));
    }

    /** portabled's directories in the root tree {@code root}: {@code root/etc/systemd/portable/profile}… */
    public static ProfileSearchPath under(Path root) {
        List<Path> directories = new ArrayList<>(SYSTEM_DIRECTORIES.size());
        for (String directory : SYSTEM_DIRECTORIES) {
            directories.add(root.resolve(directory.substring(1)));
        }
        return new ProfileSearchPath(directories);
    }

    /** No directory: only the profiles built into portajava. */
    public static ProfileSearchPath none() {
        return new ProfileSearchPath(List.of());
    }

    /**
     * The most important directory, {@code /etc/systemd/portable/profile}: where a profile is installed for
     * portabled to find it.
     */
    public Path first() {
        if (directories.isEmpty()) {
            throw new IllegalStateException("an empty profile search path has no first directory");
        }
        return directories.get(0);
    }

    /** The drop-in of {@code profile} for units of {@code type}: the first {@code PROFILE/TYPE.conf} there is. */
    public Optional<Path> dropIn(ProfileName profile, UnitType type) {
        for (Path directory : directories) {
            Path file = directory.resolve(profile.value()).resolve(type.suffix() + ".conf");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The first directory of {@code profile}: where it is said to come from. */
    public Optional<Path> directory(ProfileName profile) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(profile.value());
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The names of the profiles in these directories, sorted, each once. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Path directory : directories) {
            if (Files.isDirectory(directory)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    for (Path entry : entries) {
                        if (Files.isDirectory(entry)) {
                            names.add(entry.getFileName().toString());
                        }
                    }
                } catch (IOException e) {
                    // an unreadable profile directory holds no profiles we can offer
                }
            }
        }
        return List.copyOf(names);
    }
}
