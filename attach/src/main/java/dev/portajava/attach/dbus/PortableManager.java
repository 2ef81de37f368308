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

    /** {@code GetImageStateWithExtensions(s, as, t) -> s}. */
    String GetImageStateWithExtensions(String image, List<String> extensions, UInt64 flags);

    /** {@code GetImageMetadataWithExtensions(s, as, as, t) -> s, ay, a{say}, a{say}}. */
    PortableImageMetadataWithExtensions GetImageMetadataWithExtensions(String image, List<String> extensions,
            List<String> matches, UInt64 flags);

    /** {@code AttachImageWithExtensions(s, as, as, s, s, t) -> a(sss)}. */
    List<PortableChange> AttachImageWithExtensions(String image, List<String> extensions, List<String> matches,
            String profile, String copyMode, UInt64 flags);

    /** {@code DetachImageWithExtensions(s, as, t) -> a(sss)}. */
    List<PortableChange> DetachImageWithExtensions(String image, List<String> extensions, UInt64 flags);

    /** {@code ReattachImageWithExtensions(s, as, as, s, s, t) -> a(sss) removed, a(sss) updated}. */
    ReattachChanges ReattachImageWithExtensions(String image, List<String> extensions, List<String> matches,
            String profile, String copyMode, UInt64 flags);

    /** {@code DetachImage(s, b) -> a(sss)}. */
    List<PortableChange> DetachImage(String image, boolean runtime);

    /** {@code ReattachImage(s, as, s, b, s) -> a(sss) removed, a(sss) updated}. */
    ReattachChanges ReattachImage(String image, List<String> matches, String profile, boolean runtime,
            String copyMode);

    /** Flags of the {@code …WithExtensions} methods, as systemd 252 defines them (PORTABLE_RUNTIME, …). */
    long FLAG_RUNTIME = 1;
    /** Attach even if units of the same name are on the host or active. */
    long FLAG_FORCE_ATTACH = 2;
    /** Accept an extension whose release file is named otherwise than the image file. */
    long FLAG_FORCE_EXTENSION = 4;
}
