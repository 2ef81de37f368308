package dev.portajava.attach.local;

import dev.portajava.name.PortableScope;
import dev.portajava.profiles.ProfileSearchPath;
import dev.portajava.tree.FileNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the portable services of one service manager live on a host, as systemd 260+ lays them out for each scope:
 * the manager's unit search path, the {@code .attached} directories portabled writes units into, the directories
 * it links attached images from, where it looks images up by name, its profile directories, and the manager's own
 * configuration directory, where a plain {@code enable} links units. For the system's manager these are fixed; for a
 * user's they follow the user's home and XDG variables, as sd-path resolves them.
 *
 * @param enabled the manager's configuration directory ({@code /etc/systemd/system}), where a plain
 *     {@code systemctl enable} links units
 * @param runtimeDirectory the tree the runtime directories ({@code --runtime}) are in: {@code /run}, or the user's
 *     {@code $XDG_RUNTIME_DIR}
 */
public record ScopePaths(PortableScope scope, List<String> unitPath, String attached, String portables,
        List<String> imagePath, List<String> profileDirectories, String enabled, String runtimeDirectory) {

    /** The system's manager. */
    public static final ScopePaths SYSTEM = new ScopePaths(PortableScope.SYSTEM, List.of(
            "/etc/systemd/system.control", "/run/systemd/system.control", "/run/systemd/transient",
            "/run/systemd/generator.early", "/etc/systemd/system", "/etc/systemd/system.attached",
            "/run/systemd/system", "/run/systemd/system.attached", "/run/systemd/generator",
            "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
            "/run/systemd/generator.late"),
            "/etc/systemd/system.attached", "/etc/portables",
            List.of("/etc/portables", "/run/portables", "/var/lib/portables", "/usr/local/lib/portables",
                    "/usr/lib/portables"),
            ProfileSearchPath.SYSTEM_DIRECTORIES, "/etc/systemd/system", "/run");

    public ScopePaths {
        unitPath = List.copyOf(unitPath);
        imagePath = List.copyOf(imagePath);
        profileDirectories = List.copyOf(profileDirectories);
    }

    /**
     * The calling user's manager, from {@code environment}: {@code HOME}, and {@code XDG_CONFIG_HOME},
     * {@code XDG_STATE_HOME}, {@code XDG_DATA_HOME} where they are set to absolute paths, and
     * {@code XDG_RUNTIME_DIR}.
     *
     * @throws IllegalArgumentException if {@code HOME} or {@code XDG_RUNTIME_DIR} is not an absolute path
     */
    public static ScopePaths user(Map<String, String> environment) {
        String home = Optional.ofNullable(environment.get("HOME")).map(FileNames::withoutTrailingSlashes)
                .filter(h -> h.startsWith("/")).orElseThrow(() -> new IllegalArgumentException(
                        "HOME is not set to an absolute path, so the user's unit directories cannot be found"));
        String config = xdg(environment, "XDG_CONFIG_HOME", home + "/.config");
        String state = xdg(environment, "XDG_STATE_HOME", home + "/.local/state");
        String data = xdg(environment, "XDG_DATA_HOME", home + "/.local/share");
        String r = Optional.ofNullable(environment.get("XDG_RUNTIME_DIR")).map(FileNames::withoutTrailingSlashes)
                .filter(d -> d.startsWith("/") && d.length() > 1).orElseThrow(() -> new IllegalArgumentException(
                        "XDG_RUNTIME_DIR is not set to an absolute path, so the user's runtime unit directories"
                                + " cannot be found (it is /run/user/UID in the user's login session)"));
        List<String> units = new ArrayList<>();
        units.add(config + "/systemd/user.control");
        units.addAll(List.of(r + "/systemd/user.control", r + "/systemd/transient", r + "/systemd/generator.early"));
        units.addAll(List.of(config + "/systemd/user", config + "/systemd/user.attached", "/etc/xdg/systemd/user",
                "/etc/systemd/user"));
        units.addAll(List.of(r + "/systemd/user", r + "/systemd/user.attached"));
        units.add("/run/systemd/user");
        units.add(r + "/systemd/generator");
        units.addAll(List.of(data + "/systemd/user", "/usr/local/share/systemd/user", "/usr/share/systemd/user",
                "/usr/local/lib/systemd/user", "/usr/lib/systemd/user"));
        units.add(r + "/systemd/generator.late");
        List<String> images = List.of(r + "/portables", state + "/portables", home + "/.local/lib/portables");
        return new ScopePaths(PortableScope.USER, units, config + "/systemd/user.attached", config + "/portables",
                images, List.of("/etc/systemd/user/portable/profile", "/run/systemd/user/portable/profile",
                        "/usr/local/lib/systemd/user/portable/profile", "/usr/lib/systemd/user/portable/profile"),
                config + "/systemd/user", r);
    }

    private static String xdg(Map<String, String> environment, String variable, String fallback) {
        String value = environment.get(variable);
        return value != null && value.startsWith("/") && value.length() > 1 ? FileNames.withoutTrailingSlashes(value)
                : fallback;
    }

    /**
     * The directory units are attached in: persistent, or under the runtime directory ({@code --runtime}), whose
     * tree is {@code /run} for the system and {@code $XDG_RUNTIME_DIR} for a user.
     */
    public String attachedDirectory(boolean runtime) {
        return runtime ? runtimeDirectory + "/systemd/" + leaf(attached) : attached;
    }

    /** The directory attached images are linked from. */
    public String portablesDirectory(boolean runtime) {
        return runtime ? runtimeDirectory + "/portables" : portables;
    }

    /**
     * The directory portablectl's {@code --enable} links attached units in (systemd's portable flag): the attached
     * directory, {@code *.wants/} and {@code *.requires/} are below it.
     */
    public String enableDirectory(boolean runtime) {
        return attachedDirectory(runtime);
    }

    /**
     * The directory a plain {@code systemctl enable} links units in, where earlier portajava linked attached units
     * too: {@code *.wants/} and {@code *.requires/} are below it.
     */
    public String plainEnableDirectory(boolean runtime) {
        return runtime ? runtimeDirectory + "/systemd/" + leaf(enabled) : enabled;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
