package dev.portajava.attach.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * The out arguments of {@code GetImageMetadata}: {@code s path, ay os-release, a{say} units}. dbus-java 5.1 only
 * deserialises {@code ay} into a tuple as {@code List<Byte>}, not {@code byte[]}.
 */
public final class PortableImageMetadata extends Tuple {
    @Position(0)
    public final String path;
    @Position(1)
    public final List<Byte> osRelease;
    @Position(2)
    public final Map<String, List<Byte>> units;

    public PortableImageMetadata(String path, List<Byte> osRelease, Map<String, List<Byte>> units) {
        this.path = path;
        this.osRelease = osRelease;
        this.units = units;
    }

    /** {@code ay} as UTF-8 text. */
    static String text(List<Byte> bytes) {
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return new String(array, java.nio.charset.StandardCharsets.UTF_8);
    }
}
