package dev.portajava.attach.local;

import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The text of {@code U.d/20-portable.conf} exactly as portabled of the host's systemd version writes it: the
 * marker line, and for services the lines that run them from the image.
 */
public final class PortableDropIn {

    private PortableDropIn() {
    }

    /**
     * @param osReleaseSource the host's os-release that 252–253 bind into the service
     * @param imageOsRelease the image's os-release fields, for 254's {@code PORTABLE_NAME_AND_VERSION}
     * @param rootImagePolicy the policy 260 pins for a raw image ({@link PinnedImagePolicy}); empty before 260
     */
    public static String render(UnitName unit, PortableImage image, SystemdVersion version, String osReleaseSource,
            Map<String, String> imageOsRelease, Optional<String> rootImagePolicy) {
        StringBuilder text = new StringBuilder(new DropInMarker(image.hostPath()).line()).append('\n');
        if (unit.type() != UnitType.SERVICE) {
            return text.toString();
        }
        text.append('\n')
                .append("[Service]\n")
                .append(image.directory() ? "RootDirectory=" : "RootImage=").append(image.hostPath()).append('\n')
                .append("Environment=PORTABLE=").append(image.fileName()).append('\n');
        if (version.bindsHostOsRelease()) {
            text.append("BindReadOnlyPaths=").append(osReleaseSource).append(":/run/host/os-release\n");
        }
        text.append("LogExtraFields=PORTABLE=").append(image.fileName()).append('\n');
        rootImagePolicy.ifPresent(policy -> text.append("RootImagePolicy=").append(policy).append('\n'));
        if (!version.bindsHostOsRelease()) {
            nameAndVersion(imageOsRelease).ifPresent(value -> text
                    .append("LogExtraFields=PORTABLE_NAME_AND_VERSION=").append(value).append('\n'));
        }
        return text.toString();
    }

    /**
     * {@code ID_VERSION} as portabled of 254 and later logs it: the id from {@code IMAGE_ID=}, else {@code ID=}; the
     * version from {@code IMAGE_VERSION=}, else {@code VERSION_ID=}, else {@code BUILD_ID=}; either alone if the
     * other is missing, nothing if both are.
     */
    static Optional<String> nameAndVersion(Map<String, String> osRelease) {
        Optional<String> id = first(osRelease, "IMAGE_ID", "ID");
        Optional<String> version = first(osRelease, "IMAGE_VERSION", "VERSION_ID", "BUILD_ID");
        if (id.isEmpty() && version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(id.orElse("") + (id.isPresent() && version.isPresent() ? "_" : "") + version.orElse(""));
    }

    private static Optional<String> first(Map<String, String> osRelease, String... fields) {
        return Arrays.stream(fields).filter(osRelease::containsKey).map(osRelease::get).findFirst();
    }
}
