package dev.portajava.attach;

import java.util.List;

/** The calls portajava makes to systemd-portabled ({@code org.freedesktop.portable1.Manager}), in plain records. */
public interface PortableImages {

    /** The profile names portabled offers (its {@code Profiles} property). */
    List<String> profiles() throws AttachException;

    List<ImageInfo> listImages() throws AttachException;

    ImageState imageState(String image) throws AttachException;

    ImageMetadata imageMetadata(String image, List<String> matches) throws AttachException;

    List<Change> attachImage(String image, List<String> matches, String profile, boolean runtime, CopyMode copyMode,
            boolean force) throws AttachException;

    List<Change> detachImage(String image, boolean runtime) throws AttachException;

    /**
     * Replaces what an image of the same name attached with {@code image}: the old units are removed, the new
     * image's written; a broken new image leaves the old one in place.
     */
    ReattachChanges reattachImage(String image, List<String> matches, String profile, boolean runtime,
            CopyMode copyMode) throws AttachException;
}
