package dev.portajava.attach.dbus;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt64;

/** {@code org.freedesktop.portable1.Manager} at {@code /org/freedesktop/portable1}, as in org.freedesktop.portable1(5). */
@DBusInterfaceName("org.freedesktop.portable1.Manager")
public interface PortableManager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.portable1";
    String OBJECT_PATH = "/org/freedesktop/portable1";
    String INTERFACE = "org.freedesktop.portable1.Manager";

    /** {@code ListImages() -> a(ssbtttso)}. */
    List<PortableImageInfo> ListImages();

    /** {@code GetImageState(s) -> s}. */
    String GetImageState(String image);

    /** {@code GetImageMetadata(s, as) -> s, ay, a{say}}. */
    PortableImageMetadata GetImageMetadata(String image, List<String> matches);

    /** {@code AttachImage(s, as, s, b, s) -> a(sss)}. */
    List<PortableChange> AttachImage(String image, List<String> matches, String profile, boolean runtime,
            String copyMode);

    /** {@code AttachImageWithExtensions(s, as, as, s, s, t) -> a(sss)}: needed for the FORCE_ATTACH flag. */
    List<PortableChange> AttachImageWithExtensions(String image, List<String> extensions, List<String> matches,
            String profile, String copyMode, UInt64 flags);

    /** {@code DetachImage(s, b) -> a(sss)}. */
    List<PortableChange> DetachImage(String image, boolean runtime);

    /** {@code ReattachImage(s, as, s, b, s) -> a(sss) removed, a(sss) updated}. */
    ReattachChanges ReattachImage(String image, List<String> matches, String profile, boolean runtime,
            String copyMode);

    /** Flags of the {@code …WithExtensions} methods. */
    long FLAG_RUNTIME = 1;
    long FLAG_FORCE_ATTACH = 2;
}
