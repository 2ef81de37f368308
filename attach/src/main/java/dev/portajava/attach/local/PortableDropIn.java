package dev.portajava.attach.local;

import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.util.Map;

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
     */
    public static String render(UnitName unit, PortableImage image, SystemdVersion version, String osReleaseSource,
            Map<String, String> imageOsRelease) {
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
        if (!version.bindsHostOsRelease()) {
            String id = imageOsRelease.getOrDefault("ID", "");
            String versionId = imageOsRelease.getOrDefault("VERSION_ID", "");
            if (!id.isEmpty() && !versionId.isEmpty()) {
                text.append("LogExtraFields=PORTABLE_NAME_AND_VERSION=").append(id).append('_').append(versionId)
                        .append('\n');
            }
        }
        return text.toString();
    }
}
