package dev.portajava.attach.local;

import dev.portajava.name.UnitType;
import dev.portajava.profiles.ProfileName;
import dev.portajava.profiles.ProfileSearchPath;
import dev.portajava.tree.FileNames;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file system of the host that units are attached to: the running system ({@code /}), or a root tree that is
 * not running ({@code --root}), and whose service manager's directories are meant: the system's, or a user's
 * ({@link ScopePaths}). Paths in files and symlink targets are always as that host sees them when it runs;
 * {@link #onDisk} says where they are now.
 */
public record HostTree(Path root, boolean offline, ScopePaths paths) {

    public HostTree {
        root = root.toAbsolutePath().normalize();
    }

    /** The system's manager in {@code root}. */
    public HostTree(Path root, boolean offline) {
        this(root, offline, ScopePaths.SYSTEM);
    }

    /** The running system. */
    public static HostTree live() {
        return new HostTree(Path.of("/"), false);
    }

    /** A root tree that is not running. */
    public static HostTree offline(Path root) {
        return new HostTree(root, true);
    }

    /** The running system, with the directories of a user's manager ({@code --user}). */
    public static HostTree user(ScopePaths paths) {
        return new HostTree(Path.of("/"), false, paths);
    }

    /** Where portabled of this tree's scope looks for images by name, in its order. */
    public List<String> imagePath() {
        return paths.imagePath();
    }

    /** Where a path of the host is on disk now. */
    public Path onDisk(String hostPath) {
        String relative = FileNames.withoutLeadingSlashes(hostPath);
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** The path the host will see for a file on disk, if it is inside the root. */
    public Optional<String> hostPath(Path onDisk) {
        Path normalized = onDisk.toAbsolutePath().normalize();
        if (!normalized.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of("/" + root.relativize(normalized).toString().replace('\\', '/'));
    }

    public String attachedDirectory(boolean runtime) {
        return paths.attachedDirectory(runtime);
    }

    public String portablesDirectory(boolean runtime) {
        return paths.portablesDirectory(runtime);
    }

    /** The os-release file that 252 binds into services: the host's {@code /etc/os-release}, if it has one. */
    public String osReleaseSource() {
        return Files.exists(onDisk("/etc/os-release"), LinkOption.NOFOLLOW_LINKS) ? "/etc/os-release"
                : "/usr/lib/os-release";
    }

    /** True if a unit file of this name is anywhere in the host's unit search path (a dangling link counts). */
    public Optional<String> unitFileOnHost(String unit) {
        for (String directory : paths.unitPath()) {
            String path = directory + "/" + unit;
            if (Files.exists(onDisk(path), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** portabled's profile directories in this tree, for its scope. */
    public ProfileSearchPath profileSearchPath() {
        List<Path> directories = new ArrayList<>();
        for (String directory : paths.profileDirectories()) {
            directories.add(onDisk(directory));
        }
        return new ProfileSearchPath(directories);
    }

    /** The host's profile file for {@code profile} and units of {@code type}, as portabled finds it. */
    public Optional<String> profileFile(ProfileName profile, UnitType type) {
        Optional<Path> dropIn = profileSearchPath().dropIn(profile, type);
        return dropIn.isEmpty() ? Optional.empty() : hostPath(dropIn.get());
    }

    /**
     * True if the image (as the host sees it) lies in the system's image search path, where portabled leaves it
     * unlinked (254 and later). A user's portabled (262) decides by the system's path too: it links an image in the
     * user's own image path, such as {@code ~/.local/state/portables}, from {@code ~/.config/portables}.
     */
    public boolean inImagePath(String imagePath) {
        Path parent = Path.of(imagePath).getParent();
        return parent != null && ScopePaths.SYSTEM.imagePath().contains(parent.toString());
    }
}
