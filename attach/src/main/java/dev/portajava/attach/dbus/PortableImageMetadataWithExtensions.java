package dev.portajava.attach.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * The out arguments of {@code GetImageMetadataWithExtensions}: {@code s path, ay os-release, a{say}
 * extension-releases (extension path to file), a{say} units}.
 */
public final class PortableImageMetadataWithExtensions extends Tuple {
    @Position(0)
    public final String path;
    @Position(1)
    public final List<Byte> osRelease;
    @Position(2)
    public final Map<String, List<Byte>> extensionReleases;
    @Position(3)
    public final Map<String, List<Byte>> units;

    public PortableImageMetadataWithExtensions(String path, List<Byte> osRelease,
            Map<String, List<Byte>> extensionReleases, Map<String, List<Byte>> units) {
        this.path = path;
        this.osRelease = osRelease;
        this.extensionReleases = extensionReleases;
        this.units = units;
    }
}
