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
import dev.portajava.attach.Target;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UserMountUnavailableException;
import dev.portajava.name.PortableScope;
import java.io.IOException;
import java.nio.file.Files;
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
    private final PortableScope scope;

    /** @param tree the file system portabled's host sees, where bare image names are looked up */
    public PortabledHost(HostConnection bus, HostTree tree) {
        this(bus, tree, PortableScope.SYSTEM);
    }

    /** @param scope whose portabled {@code bus} reaches: the system's, or a user's (systemd 260+) */
    public PortabledHost(HostConnection bus, HostTree tree, PortableScope scope) {
        this.bus = bus;
        this.tree = tree;
        this.scope = scope;
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
    public Target target() {
        return bus.target();
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
    public ImageState imageState(String image, List<String> extensions) throws AttachException {
        return bus.portables().imageState(image, extensions);
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        return ImageExtractor.read(ImageStack.locate(tree, image, extensions, Optional.empty()), matches, force, scope)
                .metadata();
    }

    @Override
    public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        ImageContents contents = ImageExtractor.extract(ImageStack.locate(tree, image, extensions,
                Optional.empty()), matches, force, scope);
        ImageStack checked = contents.stack();
        try {
            // the prefixes the units were selected by: portabled, given none, would take every unit of the image
            return bus.portables().attachImage(checked.base().hostPath(), checked.extensionPaths(), contents.matches(), profile,
                    runtime, copyMode, force);
        } catch (AttachException e) {
            throw mountFailure(checked, e);
        }
    }

    @Override
    public List<Change> detachImage(String image, List<String> extensions, boolean runtime) throws AttachException {
        return bus.portables().detachImage(image, extensions, runtime);
    }

    /**
     * Found as portabled's detach finds them, by their drop-ins' markers, when portabled runs on this machine: the
     * images need not exist any more. Through the bus of another machine, whose files are not here, they are read
     * from the images.
     */
    @Override
    public List<String> attachedUnits(String image, List<String> extensions, List<String> matches, boolean runtime)
            throws AttachException {
        Optional<MachineId> here = MachineId.of(tree);
        if (scope != PortableScope.SYSTEM || here.isEmpty() || !here.get().is(bus.units().machineId())) {
            return PortableImages.super.attachedUnits(image, extensions, matches, runtime);
        }
        String directory = tree.attachedDirectory(runtime);
        try {
            return AttachedUnits.names(AttachedUnits.of(tree, directory, image, extensions), matches);
        } catch (IOException e) {
            throw new AttachException("cannot read " + tree.onDisk(directory) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        ImageContents contents = ImageExtractor.extract(ImageStack.locate(tree, image, extensions,
                Optional.empty()), matches, force, scope);
        ImageStack checked = contents.stack();
        try {
            // the prefixes the units were selected by: portabled, given none, would take every unit of the image
            return bus.portables().reattachImage(checked.base().hostPath(), checked.extensionPaths(), contents.matches(),
                    profile, runtime, copyMode, force);
        } catch (AttachException e) {
            throw mountFailure(checked, e);
        }
    }

    /**
     * A user's portabled does not mount a raw image itself: systemd-mountfsd mounts it for the user, in a user
     * namespace that systemd-nsresourced hands out, and nsresourced needs its BPF LSM program for that. Where the
     * kernel refuses to load it, nsresourced runs with user namespaces disabled and portabled answers only
     * "Operation not supported"; that is said with its cause, the image, and what works instead.
     */
    private AttachException mountFailure(ImageStack stack, AttachException e) {
        boolean raw = stack.all().stream().anyMatch(image -> !Files.isDirectory(image.onDisk()));
        if (scope == PortableScope.USER && raw && e.getMessage() != null
                && e.getMessage().contains("Operation not supported")) {
            return new UserMountUnavailableException(stack.base().hostPath() + ": a user's portabled cannot mount"
                    + " raw images on this host (Operation not supported): systemd-mountfsd mounts them through"
                    + " systemd-nsresourced, whose BPF LSM program this kernel did not load ('journalctl -u"
                    + " systemd-nsresourced' says why); attach an image directory of your own with --user, or the raw"
                    + " image system-wide, without --user", e);
        }
        return e;
    }
}
