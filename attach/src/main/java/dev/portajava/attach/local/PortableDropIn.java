package dev.portajava.attach.local;

import dev.portajava.OsRelease;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.util.Map;
import java.util.Optional;

/**
 * The text of {@code U.d/20-portable.conf} exactly as portabled of the host's systemd version writes it: the
 * marker line, and for services the lines that run them from the image. A service from an extension image also
 * gets every extension, in order ({@code ExtensionImages=}, {@code ExtensionDirectories=}); one from the base image
 * does not, as portabled writes it.
 */
public final class PortableDropIn {

    /** The mount option that tells systemd to accept an extension-release file named otherwise than the image. */
    static final String RELAX = ":x-systemd.relax-extension-release-check";

    private PortableDropIn() {
    }

    /**
     * What a drop-in depends on beyond the unit.
     *
     * @param osReleaseSource the host's os-release that 252–253 bind into the service
     * @param rootImagePolicy the policy 260 pins for a raw image ({@link PinnedImagePolicy}); empty before 260
     * @param extensionImagePolicy the policy 260 pins for the raw extension images; empty before 260
     * @param force whether the extensions' release file names were let off ({@code --force})
     */
    public record Context(ImageContents contents, SystemdVersion version, String osReleaseSource,
            Optional<String> rootImagePolicy, Optional<String> extensionImagePolicy, boolean force) {
    }

    /** The drop-in of {@code unit}, which comes from {@code origin}, an image of the context's stack. */
    public static String render(UnitName unit, PortableImage origin, Context context) {
        ImageStack stack = context.contents().stack();
        PortableImage image = stack.base();
        SystemdVersion version = context.version();
        StringBuilder text = new StringBuilder(new DropInMarker(image.hostPath(), stack.extensionPaths()).line())
                .append('\n');
        if (unit.type() != UnitType.SERVICE) {
            return text.toString();
        }
        text.append('\n')
                .append("[Service]\n")
                .append(image.directory() ? "RootDirectory=" : "RootImage=").append(image.hostPath()).append('\n')
                .append("Environment=PORTABLE=").append(origin.fileName()).append('\n');
        if (version.bindsHostOsRelease()) {
            text.append("BindReadOnlyPaths=").append(context.osReleaseSource()).append(":/run/host/os-release\n");
        }
        text.append("LogExtraFields=PORTABLE=").append(origin.fileName()).append('\n');
        field(text, "RootImagePolicy=", context.rootImagePolicy());
        Map<String, String> osRelease = context.contents().osRelease();
        if (!version.bindsHostOsRelease()) {
            if (stack.extensions().isEmpty()) {
                field(text, "LogExtraFields=PORTABLE_NAME_AND_VERSION=", nameAndVersion(osRelease));
            } else {
                text.append("Environment=PORTABLE_ROOT=").append(image.fileName()).append('\n')
                        .append("LogExtraFields=PORTABLE_ROOT=").append(image.fileName()).append('\n');
                field(text, "LogExtraFields=PORTABLE_ROOT_NAME_AND_VERSION=", nameAndVersion(osRelease));
            }
        }
        if (!origin.hostPath().equals(image.hostPath())) {
            for (PortableImage extension : stack.extensions()) {
                extension(text, extension, context);
            }
        }
        return text.toString();
    }

    /** The lines of one extension image of a service from an extension. */
    private static void extension(StringBuilder text, PortableImage extension, Context context) {
        boolean relax = context.force() && !extension.directory();
        String setting = (extension.directory() ? "ExtensionDirectories=" : "ExtensionImages=")
                + extension.hostPath() + (relax ? RELAX : "");
        if (context.version().bindsHostOsRelease()) {
            text.append(setting).append('\n');
            return;
        }
        text.append('\n').append(setting).append('\n')
                .append("LogExtraFields=PORTABLE_EXTENSION=").append(extension.fileName()).append('\n');
        if (!extension.directory()) {
            field(text, "ExtensionImagePolicy=", context.extensionImagePolicy());
        }
        Map<String, String> release = OsRelease.parse(context.contents().extensionReleases()
                .getOrDefault(extension.hostPath(), ""));
        for (String kind : new String[] {"SYSEXT", "CONFEXT"}) {
            Optional<String> id = first(release, kind + "_IMAGE_ID", kind + "_ID");
            Optional<String> value = joined(id, first(release, kind + "_IMAGE_VERSION", kind + "_VERSION_ID",
                    kind + "_BUILD_ID"));
            field(text, "LogExtraFields=PORTABLE_EXTENSION_NAME_AND_VERSION=", value);
        }
    }

    /**
     * {@code ID_VERSION} as portabled of 254 and later logs it: the id from {@code IMAGE_ID=}, else {@code ID=}; the
     * version from {@code IMAGE_VERSION=}, else {@code VERSION_ID=}, else {@code BUILD_ID=}; either alone if the
     * other is missing, nothing if both are.
     */
    static Optional<String> nameAndVersion(Map<String, String> osRelease) {
        return joined(first(osRelease, "IMAGE_ID", "ID"), first(osRelease, "IMAGE_VERSION", "VERSION_ID", "BUILD_ID"));
    }

    private static Optional<String> joined(Optional<String> id, Optional<String> version) {
        if (id.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(id.orElse("") + (id.isPresent() && version.isPresent() ? "_" : "") + version.orElse(""));
    }

    /** Appends the line {@code setting} {@code value}, if there is a value. */
    private static void field(StringBuilder text, String setting, Optional<String> value) {
        if (value.isPresent()) {
            text.append(setting).append(value.get()).append('\n');
        }
    }

    private static Optional<String> first(Map<String, String> osRelease, String... fields) {
        for (String field : fields) {
            if (osRelease.containsKey(field)) {
                return Optional.of(osRelease.get(field));
            }
        }
        return Optional.empty();
    }
}
