package dev.portajava.attach.remote;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.Target;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.ImageContents;
import dev.portajava.attach.local.ImageExtractor;
import dev.portajava.attach.local.ImageStack;
import dev.portajava.attach.local.PortableImage;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageName;
import dev.portajava.name.Prefix;
import java.nio.file.Files;
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
    public Target target() {
        return bus.target();
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
        Provided remote = provide(image, extensions, matches, force);
        try {
            return bus.portables().attachImage(remote.image(), remote.extensions(), remote.matches(), profile,
                    runtime, copyMode, force);
        } catch (AttachException e) {
            discardCopies(remote, e);
            throw e;
        }
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        Provided remote = provide(image, extensions, matches, force);
        ReattachChanges changes;
        try {
            changes = bus.portables().reattachImage(remote.image(), remote.extensions(), remote.matches(), profile,
                    runtime, copyMode, force);
        } catch (AttachException e) {
            discardCopies(remote, e);
            throw e;
        }
        List<Change> removed = new ArrayList<>(changes.removed());
        try {
            for (String path : ImageUpload.removeReplaced(session, imageNames(remote.all()))) {
                notes.accept("image: removed " + session.host() + ":" + path + ", a copy of a version this replaced");
                removed.add(new Change(ChangeType.UNLINK, path, ""));
            }
        } catch (AttachException e) {
            // the image is reattached: a copy that stays behind is no reason to say it is not
            notes.accept("warning: the copies of the versions this replaced stay on " + session.host() + ": "
                    + e.getMessage());
        }
        return new ReattachChanges(removed, changes.updated());
    }

    /** The image names of {@code images}, as the host names them (its paths, or names), those that have one. */
    private static List<ImageName> imageNames(List<String> images) {
        List<ImageName> names = new ArrayList<>();
        for (String image : images) {
            fileName(lastName(image)).ifPresent(file -> {
                try {
                    names.add(file.name());
                } catch (IllegalArgumentException e) {
                    // a file name that names no image (_1.raw): no version of it was copied
                }
            });
        }
        return names;
    }

    /**
     * Detaches the image and its extensions; the copies attach made of them in the host's
     * {@code /var/lib/portables} are then removed, if the files there still hold the bytes of the images given by
     * path here or those they were copied with, and no unit attached there runs from them
     * ({@link ImageUpload#removeCopy}).
     */
    @Override
    public List<Change> detachImage(String image, List<String> extensions, boolean runtime) throws AttachException {
        List<Change> changes = new ArrayList<>(bus.portables().detachImage(remoteName(image), extensions.stream()
                .map(RemotePortabledHost::remoteName).toList(), runtime));
        List<String> all = new ArrayList<>(List.of(image));
        all.addAll(extensions);
        for (String path : all) {
            Optional<String> removed = removeCopy(path);
            if (removed.isPresent()) {
                changes.add(new Change(ChangeType.UNLINK, removed.get(), ""));
            }
        }
        return changes;
    }

    /**
     * The image and its extensions as the host will find them, and the prefixes to attach: those given by path here
     * are checked and copied first; names are passed on. Without PREFIX arguments the prefixes are those the images
     * imply ({@link Prefix#implied}), read here or, for images named on the host, from its portabled: given none,
     * portabled would attach every unit of an image.
     */
    private Provided provide(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        List<String> all = new ArrayList<>(List.of(image));
        all.addAll(extensions);
        if (all.stream().noneMatch(RemotePortabledHost::isLocal)) {
            return new Provided(all, matches.isEmpty() ? impliedThere(image, extensions, force) : matches,
                    List.of());
        }
        if (!all.stream().allMatch(RemotePortabledHost::isLocal)) {
            throw new InvalidImageException("give the image and its extensions all as paths here, to be copied to "
                    + session.host() + ", or all as names of images there");
        }
        ImageContents contents = ImageExtractor.extract(ImageStack.locate(local, image, extensions,
                Optional.empty()), matches, force);
        ImageStack stack = contents.stack();
        List<PortableImage> images = new ArrayList<>(List.of(stack.base()));
        images.addAll(stack.extensions());
        List<String> remote = new ArrayList<>();
        List<String> copied = new ArrayList<>();
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
            if (result.copied()) {
                copied.add(result.remotePath());
            }
        }
        return new Provided(remote, contents.matches(), copied);
    }

    /**
     * Removes again the images this command copied to the host, once the host refused them: a refused attach
     * leaves nothing there. One that a unit attached there names stays ({@link ImageUpload#discard}).
     */
    private void discardCopies(Provided remote, AttachException refusal) {
        for (String path : remote.copied()) {
            try {
                ImageUpload.discard(session, path);
                notes.accept("image: removed " + session.host() + ":" + path + " again");
            } catch (AttachException e) {
                refusal.addSuppressed(e);
            }
        }
    }

    /** The prefixes images named on the host imply, from the release files its portabled reads of them. */
    private List<String> impliedThere(String image, List<String> extensions, boolean force) throws AttachException {
        ImageMetadata metadata = bus.portables().imageMetadata(image, extensions, List.of(), force);
        List<String> all = new ArrayList<>(List.of(image));
        all.addAll(extensions);
        return Prefix.values(ImageExtractor.impliedPrefixes(metadata.releases(), all, image));
    }

    /**
     * The image and its extensions as the host names them, the prefixes to attach, and the images this command
     * copied there.
     */
    private record Provided(List<String> all, List<String> matches, List<String> copied) {
        String image() {
            return all.get(0);
        }

        List<String> extensions() {
            return all.subList(1, all.size());
        }
    }

    /**
     * Removes the host's copy of {@code image}, detached, if it holds the bytes of the image given by path here, or
     * those attach copied there.
     */
    private Optional<String> removeCopy(String image) throws AttachException {
        if (isLocal(image) && Files.isRegularFile(Path.of(image))) {
            return ImageUpload.removeCopy(session, Path.of(image));
        }
        String name = lastName(image);
        Optional<ImageFile> copy = fileName(name.endsWith(ImageFile.RAW) ? name : name + ImageFile.RAW);
        return copy.isPresent() ? ImageUpload.removeCopy(session, copy.get()) : Optional.empty();
    }

    /** The last name of a path here or on the host, or an image's name as it is. */
    private static String lastName(String image) {
        return isLocal(image) ? image.substring(image.lastIndexOf('/') + 1) : image;
    }

    /** {@code name} as the file name of an image, if it is one. */
    private static Optional<ImageFile> fileName(String name) {
        try {
            return Optional.of(new ImageFile(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
