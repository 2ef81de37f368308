package dev.portajava.attach;

import java.util.List;

/**
 * The calls portajava makes to systemd-portabled ({@code org.freedesktop.portable1.Manager}), in plain records.
 * {@code extensions} are the extension images layered on the image, in order (portabled's {@code …WithExtensions}
 * methods); empty for none.
 */
public interface PortableImages {

    /** The profile names portabled offers (its {@code Profiles} property). */
    List<String> profiles() throws AttachException;

    List<ImageInfo> listImages() throws AttachException;

    ImageState imageState(String image, List<String> extensions) throws AttachException;

    /** @param force accept an extension whose release file is named otherwise than the image file */
    ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException;

    /**
     * @param force attach even if units of the same name are on the host, and accept an extension whose release
     *     file is named otherwise than the image file
     */
    List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException;

    List<Change> detachImage(String image, List<String> extensions, boolean runtime) throws AttachException;

    /**
     * The units {@code image} with {@code extensions} has attached on the host ({@code /run} with {@code runtime}),
     * those of the prefixes {@code matches} (all if empty): what {@code detach --now} stops and {@code --enable}
     * disables. By default they are read from the images, as portablectl does; a backend that can read what is
     * attached finds them as detach does, so that they are found after an image was deleted.
     */
    default List<String> attachedUnits(String image, List<String> extensions, List<String> matches, boolean runtime)
            throws AttachException {
        return List.copyOf(imageMetadata(image, extensions, matches, false).units().keySet());
    }

    /**
     * Replaces what an image of the same name attached with {@code image}: the old units are removed, the new
     * image's written; a broken new image leaves the old one in place.
     */
    ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException;
}
