package dev.portajava.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The unit of a {@link ServiceImage}: {@code ExecStart=} runs the runtime's {@code java} with the start-up archive, the
 * JVM flags, the class path and the main class, from {@code /} (the class path is relative to it, as the archive
 * was dumped); {@code StateDirectory=NAME} holds what the service keeps, and {@code DynamicUser=yes} runs it as a
 * user of its own: nothing in the image needs to be written.
 */
final class ServiceUnit {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ServiceUnit() {
    }

    /**
     * @param java the runtime's {@code java}, the image's own or its base's: an absolute path
     * @param extension whether the unit is an extension's: systemd binds {@code StateDirectory=} onto a mount point
     *     in the root image, and an extension has none of its own (only its {@code /usr} and {@code /opt} are laid
     *     over the base, which cannot know the application's name), so the unit mounts a tmpfs on {@code /var/lib}
     *     (the base has the directory) for systemd to make the mount point in
     */
    static String text(ServiceImage image, String java, List<String> classPath, boolean archive, boolean extension) {
        List<String> command = new ArrayList<>(List.of(java));
        if (archive) {
            command.add("-XX:SharedArchiveFile=" + image.home() + "/" + image.name() + ".jsa");
            command.add("-Xshare:auto");
        }
        command.addAll(image.jvmFlags());
        command.addAll(List.of("-cp", String.join(":", classPath), image.mainClass()));
        StringBuilder unit = new StringBuilder("[Unit]\nDescription=")
                .append(specifiers(image.prettyName().orElse(image.name() + " " + image.version())))
                .append("\n\n[Service]\nExecStart=")
                .append(String.join(" ", command.stream().map(ServiceUnit::quoted).toList()))
                .append("\nWorkingDirectory=/\n");
        for (Map.Entry<String, String> variable : new TreeMap<>(image.environment()).entrySet()) {
            unit.append("Environment=").append(assignment(variable.getKey() + "=" + variable.getValue())).append('\n');
        }
        if (extension) {
            unit.append("TemporaryFileSystem=/var/lib\n");
        }
        unit.append("StateDirectory=").append(image.name()).append("\nDynamicUser=yes\n")
                .append("\n[Install]\nWantedBy=multi-user.target\n");
        return unit.toString();
    }

    /** A variable {@code Environment=} takes: a name, a one-line value. */
    static void checkVariable(String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + name + " must have a one-line value");
        }
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("environment variable '" + name + "' is not a variable name"
                    + " (letters, digits and _, not starting with a digit)");
        }
    }

    /** A one-line argument: systemd has no way to put a line break into a command. */
    static void checkArgument(String argument) {
        if (argument.isEmpty() || argument.indexOf('\n') >= 0 || argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("jvmFlag '" + argument + "' must be a non-empty, one-line string");
        }
    }

    /** One word of a command line or an assignment as systemd reads it: quoted when needed, % and $ doubled. */
    static String quoted(String word) {
        String escaped = specifiers(word).replace("$", "$$");
        if (escaped.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\')
                && !escaped.isEmpty()) {
            return escaped;
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An {@code Environment=} assignment, which systemd does not expand $ in: always quoted, % doubled. */
    static String assignment(String text) {
        return "\"" + specifiers(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String specifiers(String text) {
        return text.replace("%", "%%");
    }
}
