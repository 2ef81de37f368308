package dev.portajava.attach.remote;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.ImageExtractor;
import dev.portajava.attach.local.ImageStack;
import dev.portajava.attach.local.PortableImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A remote host's portabled, over ssh ({@code -H}). An image given by its path here is read and checked here, as for
 * the local portabled, then copied into the host's {@code /var/lib/portables} ({@link ImageUpload}) and attached from
 * there: a local path stands for that copy in every command (detach, is-attached …). An image given by name is the
 * host's own, which portajava cannot read: the remote portabled looks it up and reads it, as {@code portablectl -H}
 * has it do.
 */
public final class RemotePortabledHost implements HostConnection, PortableImages {

    private final HostConnection bus;
    private final SshSession session;
    private final HostTree local;
    private final Consumer<String> notes;

    /** @param local the file system of this machine, where images given by path are read */
    public RemotePortabledHost(HostConnection bus, SshSession session, HostTree local, Consumer<String> notes) {
        this.bus = bus;
        this.session = session;
        this.local = local;
        this.notes = notes;
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
        try {
            bus.close();
        } finally {
            session.close();
        }
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
        return bus.portables().imageState(remoteName(image), extensions.stream().map(RemotePortabledHost::remoteName)
                .toList());
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        if (isLocal(image)) {
            return ImageExtractor.read(ImageStack.locate(local, image, extensions, Optional.empty()), matches, force)
                    .metadata();
        }
        return bus.portables().imageMetadata(image, extensions, matches, force);
    }

    @Override
    public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        List<String> remote = provide(image, extensions, matches, force);
        return bus.portables().attachImage(remote.get(0), remote.subList(1, remote.size()), matches, profile,
                runtime, copyMode, force);
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        List<String> remote = provide(image, extensions, matches, force);
        return bus.portables().reattachImage(remote.get(0), remote.subList(1, remote.size()), matches, profile,
                runtime, copyMode, force);
    }

    @Override
    public List<Change> detachImage(String image, List<String> extensions, boolean runtime) throws AttachException {
        return bus.portables().detachImage(remoteName(image), extensions.stream()
                .map(RemotePortabledHost::remoteName).toList(), runtime);
    }

    /**
     * The image and its extensions as the host will find them: those given by path here are checked and copied
     * first; names are passed on.
     */
    private List<String> provide(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        List<String> all = new ArrayList<>(List.of(image));
        all.addAll(extensions);
        if (all.stream().noneMatch(RemotePortabledHost::isLocal)) {
            return all;
        }
        if (!all.stream().allMatch(RemotePortabledHost::isLocal)) {
            throw new InvalidImageException("give the image and its extensions all as paths here, to be copied to "
                    + session.host() + ", or all as names of images there");
        }
        ImageStack stack = ImageExtractor.extract(ImageStack.locate(local, image, extensions, Optional.empty()),
                matches, force).stack();
        List<PortableImage> images = new ArrayList<>(List.of(stack.base()));
        images.addAll(stack.extensions());
        List<String> remote = new ArrayList<>();
        for (PortableImage portable : images) {
            if (portable.directory()) {
                throw new InvalidImageException(portable.onDisk() + " is a directory: only a .raw image is copied to "
                        + session.host() + " (build one with 'portajava build', or copy the directory there yourself"
                        + " and give its name)");
            }
            ImageUpload.Result result = ImageUpload.upload(session, portable.onDisk());
            notes.accept("image: " + (result.copied() ? "copied " + portable.onDisk() + " to " : "the same ")
                    + session.host() + ":" + result.remotePath() + (result.copied() ? "" : " is there already"));
            remote.add(result.remotePath());
        }
        return remote;
    }

    /** An image argument naming a file here: portajava makes such arguments absolute. */
    private static boolean isLocal(String image) {
        return image.startsWith("/");
    }

    /** The host's name for {@code image}: the copy in {@code /var/lib/portables} for a path here, else the name. */
    static String remoteName(String image) {
        return isLocal(image) ? ImageUpload.DIRECTORY + "/" + Path.of(image).getFileName() : image;
    }
}
