package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.UnitManager;
import java.util.List;
import java.util.Optional;

/**
 * A host served by systemd-portabled, where portajava reads and checks every image before portabled sees it
 * ({@link ImageExtractor}): portabled 252 opens an image's unit files following their symlinks on the host, so an
 * image could have it copy any host file into {@code /etc/systemd/system.attached}. An image's metadata comes from
 * portajava's own reading, never from portabled; attach and reattach hand portabled the very file that was read.
 */
public final class PortabledHost implements HostConnection, PortableImages {

    private final HostConnection bus;
    private final HostTree tree;

    /** @param tree the file system portabled's host sees, where bare image names are looked up */
    public PortabledHost(HostConnection bus, HostTree tree) {
        this.bus = bus;
        this.tree = tree;
    }

    @Override
    public PortableImages portables() {
        return this;
    }

    @Override
    public UnitManager units() {
        return bus.units();
    }

    @Override
    public void close() {
        bus.close();
    }

    @Override
    public List<String> profiles() throws AttachException {
        return bus.portables().profiles();
    }

    @Override
    public List<ImageInfo> listImages() throws AttachException {
        return bus.portables().listImages();
    }

    @Override
    public ImageState imageState(String image) throws AttachException {
        return bus.portables().imageState(image);
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> matches) throws AttachException {
        return ImageExtractor.read(PortableImage.locate(tree, image, Optional.empty()), matches).metadata();
    }

    @Override
    public List<Change> attachImage(String image, List<String> matches, String profile, boolean runtime,
            CopyMode copyMode, boolean force) throws AttachException {
        PortableImage checked = ImageExtractor.extract(PortableImage.locate(tree, image, Optional.empty()), matches)
                .image();
        return bus.portables().attachImage(checked.hostPath(), matches, profile, runtime, copyMode, force);
    }

    @Override
    public List<Change> detachImage(String image, boolean runtime) throws AttachException {
        return bus.portables().detachImage(image, runtime);
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> matches, String profile, boolean runtime,
            CopyMode copyMode) throws AttachException {
        PortableImage checked = ImageExtractor.extract(PortableImage.locate(tree, image, Optional.empty()), matches)
                .image();
        return bus.portables().reattachImage(checked.hostPath(), matches, profile, runtime, copyMode);
    }
}
