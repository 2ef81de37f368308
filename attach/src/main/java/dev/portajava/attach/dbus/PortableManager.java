package dev.portajava.attach.dbus;

import dev.portajava.attach.Change;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ReattachChanges;
import java.util.List;

/**
 * {@code org.freedesktop.portable1.Manager} at {@code /org/freedesktop/portable1}, as in org.freedesktop.portable1(5):
 * each method is the bus's, under its name, with its signature.
 */
final class PortableManager {

    static final String BUS_NAME = "org.freedesktop.portable1";
    static final String OBJECT_PATH = "/org/freedesktop/portable1";
    static final String INTERFACE = "org.freedesktop.portable1.Manager";

    /** Flags of the {@code …WithExtensions} methods, as systemd 252 defines them (PORTABLE_RUNTIME, …). */
    static final long FLAG_RUNTIME = 1;
    /** Attach even if units of the same name are on the host or active. */
    static final long FLAG_FORCE_ATTACH = 2;
    /** Accept an extension whose release file is named otherwise than the image file. */
    static final long FLAG_FORCE_EXTENSION = 4;

    private static final String CHANGES = PortableChange.SIGNATURE;

    private final BusConnection bus;

    PortableManager(BusConnection bus) {
        this.bus = bus;
    }

    /** The {@code Profiles} property: {@code as}. */
    List<String> Profiles() throws BusError {
        return Properties.strings(bus, BUS_NAME, OBJECT_PATH, INTERFACE, "Profiles");
    }

    /** {@code ListImages() -> a(ssbtttso)}. */
    List<ImageInfo> ListImages() throws BusError {
        return PortableImageInfo.list(call("ListImages", "", PortableImageInfo.SIGNATURE).get(0));
    }

    /** {@code GetImageState(s) -> s}. */
    String GetImageState(String image) throws BusError {
        return (String) call("GetImageState", "s", "s", image).get(0);
    }

    /** {@code GetImageStateWithExtensions(s, as, t) -> s}. */
    String GetImageStateWithExtensions(String image, List<String> extensions, long flags) throws BusError {
        return (String) call("GetImageStateWithExtensions", "sast", "s", image, extensions, flags).get(0);
    }

    /** {@code GetImageMetadata(s, as) -> s, ay, a{say}}. */
    ImageMetadata GetImageMetadata(String image, List<String> matches) throws BusError {
        return PortableImageMetadata.of(call("GetImageMetadata", "sas", "saya{say}", image, matches));
    }

    /** {@code GetImageMetadataWithExtensions(s, as, as, t) -> s, ay, a{say}, a{say}}. */
    ImageMetadata GetImageMetadataWithExtensions(String image, List<String> extensions, List<String> matches,
            long flags) throws BusError {
        return PortableImageMetadata.of(call("GetImageMetadataWithExtensions", "sasast", "saya{say}a{say}", image,
                extensions, matches, flags));
    }

    /** {@code AttachImage(s, as, s, b, s) -> a(sss)}. */
    List<Change> AttachImage(String image, List<String> matches, String profile, boolean runtime, String copyMode)
            throws BusError {
        return PortableChange.list(call("AttachImage", "sassbs", CHANGES, image, matches, profile, runtime,
                copyMode).get(0));
    }

    /** {@code AttachImageWithExtensions(s, as, as, s, s, t) -> a(sss)}. */
    List<Change> AttachImageWithExtensions(String image, List<String> extensions, List<String> matches,
            String profile, String copyMode, long flags) throws BusError {
        return PortableChange.list(call("AttachImageWithExtensions", "sasassst", CHANGES, image, extensions, matches,
                profile, copyMode, flags).get(0));
    }

    /** {@code DetachImage(s, b) -> a(sss)}. */
    List<Change> DetachImage(String image, boolean runtime) throws BusError {
        return PortableChange.list(call("DetachImage", "sb", CHANGES, image, runtime).get(0));
    }

    /** {@code DetachImageWithExtensions(s, as, t) -> a(sss)}. */
    List<Change> DetachImageWithExtensions(String image, List<String> extensions, long flags) throws BusError {
        return PortableChange.list(call("DetachImageWithExtensions", "sast", CHANGES, image, extensions, flags)
                .get(0));
    }

    /** {@code ReattachImage(s, as, s, b, s) -> a(sss) removed, a(sss) updated}. */
    ReattachChanges ReattachImage(String image, List<String> matches, String profile,
            boolean runtime, String copyMode) throws BusError {
        return reattached(call("ReattachImage", "sassbs", CHANGES + CHANGES, image, matches, profile, runtime,
                copyMode));
    }

    /** {@code ReattachImageWithExtensions(s, as, as, s, s, t) -> a(sss) removed, a(sss) updated}. */
    ReattachChanges ReattachImageWithExtensions(String image, List<String> extensions,
            List<String> matches, String profile, String copyMode, long flags) throws BusError {
        return reattached(call("ReattachImageWithExtensions", "sasassst", CHANGES + CHANGES,
                image, extensions, matches, profile, copyMode, flags));
    }

    private static ReattachChanges reattached(List<Object> reply) {
        return new ReattachChanges(PortableChange.list(reply.get(0)),
                PortableChange.list(reply.get(1)));
    }

    private List<Object> call(String member, String signature, String replySignature, Object... arguments)
            throws BusError {
        return bus.call(BUS_NAME, OBJECT_PATH, INTERFACE, member, signature, replySignature, arguments);
    }
}
