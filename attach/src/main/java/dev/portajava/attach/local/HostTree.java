package dev.portajava.attach.local;

import dev.portajava.name.UnitType;
import dev.portajava.profiles.ProfileName;
import dev.portajava.profiles.ProfileSearchPath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file system of the host that units are attached to: the running system ({@code /}), or a root tree that is
 * not running ({@code --root}). Paths in files and symlink targets are always as that host sees them when it runs;
 * {@link #onDisk} says where they are now.
 */
public record HostTree(Path root, boolean offline) {

    /** systemd's unit search path (system scope), in its order; a unit of the same name anywhere here conflicts. */
    public static final List<String> UNIT_PATH = List.of(
            "/etc/systemd/system.control", "/run/systemd/system.control", "/run/systemd/transient",
            "/run/systemd/generator.early", "/etc/systemd/system", "/etc/systemd/system.attached",
            "/run/systemd/system", "/run/systemd/system.attached", "/run/systemd/generator",
            "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
            "/run/systemd/generator.late");

    /** Where portabled looks for images by name. */
    public static final List<String> IMAGE_PATH = List.of(
            "/etc/portables", "/run/portables", "/var/lib/portables", "/usr/local/lib/portables", "/usr/lib/portables");

    public HostTree {
        root = root.toAbsolutePath().normalize();
    }

    /** The running system. */
    public static HostTree live() {
        return new HostTree(Path.of("/"), false);
    }

    /** A root tree that is not running. */
    public static HostTree offline(Path root) {
        return new HostTree(root, true);
    }

    /** Where a path of the host is on disk now. */
    public Path onDisk(String hostPath) {
        String relative = hostPath.replaceFirst("^/+", "");
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
        return runtime ? "/run/systemd/system.attached" : "/etc/systemd/system.attached";
    }

    public String portablesDirectory(boolean runtime) {
        return runtime ? "/run/portables" : "/etc/portables";
    }

    /** The os-release file that 252 binds into services: the host's {@code /etc/os-release}, if it has one. */
    public String osReleaseSource() {
        return Files.exists(onDisk("/etc/os-release"), LinkOption.NOFOLLOW_LINKS) ? "/etc/os-release"
                : "/usr/lib/os-release";
    }

    /** True if a unit file of this name is anywhere in the host's unit search path (a dangling link counts). */
    public Optional<String> unitFileOnHost(String unit) {
        for (String directory : UNIT_PATH) {
            String path = directory + "/" + unit;
            if (Files.exists(onDisk(path), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** portabled's profile directories in this tree. */
    public ProfileSearchPath profileSearchPath() {
        return ProfileSearchPath.under(root);
    }

    /** The host's profile file for {@code profile} and units of {@code type}, as portabled finds it. */
    public Optional<String> profileFile(ProfileName profile, UnitType type) {
        return profileSearchPath().dropIn(profile, type).flatMap(this::hostPath);
    }

    /** True if the image (as the host sees it) lies in portabled's image search path. */
    public boolean inImagePath(String imagePath) {
        Path parent = Path.of(imagePath).getParent();
        return parent != null && IMAGE_PATH.contains(parent.toString());
    }
}
