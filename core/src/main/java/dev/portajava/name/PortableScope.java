package dev.portajava.name;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whose service manager a portable service image is for: the system's, or a user's ({@code portablectl --user},
 * systemd 260+). An image says so in its os-release, {@code PORTABLE_SCOPE=}, which portabled compares with its own
 * scope (no field: {@code system}); its units are read from the unit directories of that scope.
 */
public enum PortableScope {
    /** The system's manager: units in the image's {@code /usr/lib/systemd/system} and friends. */
    SYSTEM("/usr/lib/systemd/system", List.of("/etc/systemd/system", "/usr/local/lib/systemd/system",
            "/usr/lib/systemd/system", "/lib/systemd/system")),
    /**
     * A user's manager: units in the image's {@code /usr/lib/systemd/user} and the other directories systemd reads
     * units for every user from.
     */
    USER("/usr/lib/systemd/user", List.of("/etc/systemd/user", "/run/systemd/user", "/usr/local/share/systemd/user",
            "/usr/share/systemd/user", "/usr/local/lib/systemd/user", "/usr/lib/systemd/user"));

    /** The os-release field that names an image's scope. */
    public static final String OS_RELEASE_FIELD = "PORTABLE_SCOPE";

    private final String unitDirectory;
    private final List<String> unitDirectories;

    PortableScope(String unitDirectory, List<String> unitDirectories) {
        this.unitDirectory = unitDirectory;
        this.unitDirectories = unitDirectories;
    }

    /** The word for it, in a spec and in os-release: {@code system}, {@code user}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope {@code label} names, if it is one. */
    public static Optional<PortableScope> parse(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label().equals(label)).findFirst();
    }

    /**
     * The scope an image's os-release declares: its {@code PORTABLE_SCOPE=}, {@link #SYSTEM} without one; empty for
     * a value that names no scope.
     */
    public static Optional<PortableScope> of(Map<String, String> osRelease) {
        String value = osRelease.get(OS_RELEASE_FIELD);
        return value == null || value.isBlank() ? Optional.of(SYSTEM) : parse(value.strip());
    }

    /** Where a builder installs an image's units, inside the image. */
    public String unitDirectory() {
        return unitDirectory;
    }

    /** The directories of an image that units are read from, in the order portabled reads them. */
    public List<String> unitDirectories() {
        return unitDirectories;
    }

    @Override
    public String toString() {
        return label();
    }
}
