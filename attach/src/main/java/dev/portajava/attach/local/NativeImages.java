package dev.portajava.attach.local;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.ReattachChanges;
import dev.portajava.attach.UnitManager;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageName;
import dev.portajava.name.PortableScope;
import dev.portajava.name.UnitName;
import dev.portajava.profiles.Profile;
import dev.portajava.profiles.ProfileCatalog;
import dev.portajava.profiles.ProfileName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The native backend: does in this process what systemd-portabled does, writing the same files in the same order
 * and refusing what it refuses. Every file appears by an atomic rename; drop-ins are written before their unit file
 * and removed after it, so systemd never loads a unit half-way, and running an interrupted command again finishes
 * it. Reloading, enabling and starting are left to the caller, as with portabled.
 */
public final class NativeImages implements PortableImages {

    private static final Set<String> ACTIVE = Set.of("activating", "active", "reloading", "deactivating");

    private final HostTree tree;
    private final UnitManager units;
    private final Optional<String> imagePath;
    private final StepHook hook;

    /**
     * @param units the host's systemd, for its version and its units' states
     * @param imagePath the path the image will have on the host, when it differs from where it is now
     */
    public NativeImages(HostTree tree, UnitManager units, Optional<String> imagePath, StepHook hook) {
        this.tree = tree;
        this.units = units;
        this.imagePath = imagePath;
        this.hook = hook;
    }

    public HostTree tree() {
        return tree;
    }

    @Override
    public List<String> profiles() {
        return userScope() ? tree.profileSearchPath().names() : catalog().names();
    }

    @Override
    public List<ImageInfo> listImages() throws AttachException {
        List<ImageInfo> images = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String directory : tree.imagePath()) {
            Path dir = tree.onDisk(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                for (Path entry : DirectoryEntries.sorted(dir)) {
                    ImageFile file = ImageFile.of(entry);
                    boolean raw = file.raw() && Files.isRegularFile(entry);
                    if (file.fileName().startsWith(".") || !(raw || Files.isDirectory(entry))) {
                        continue;
                    }
                    String name = raw ? file.stem() : file.fileName();
                    if (!seen.add(name)) {
                        continue;
                    }
                    String host = directory + "/" + file;
                    Optional<Instant> modified = Optional.of(Files.getLastModifiedTime(entry).toInstant());
                    images.add(new ImageInfo(name, raw ? "raw" : "directory", !Files.isWritable(entry),
                            Optional.empty(), modified, raw ? Files.size(entry) : -1, state(host, List.of()), ""));
                }
            } catch (IOException e) {
                throw new AttachException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return images;
    }

    @Override
    public ImageState imageState(String image, List<String> extensions) throws AttachException {
        return state(onHost(image), extensions);
    }

    /** The state of the image the host names {@code image}. */
    private ImageState state(String image, List<String> extensions) throws AttachException {
        for (boolean runtime : new boolean[] {false, true}) {
            List<AttachedUnits.AttachedUnit> attached = attachedUnits(tree.attachedDirectory(runtime), image,
                    extensions);
            if (attached.isEmpty()) {
                continue;
            }
            boolean enabled = false;
            boolean running = false;
            for (AttachedUnits.AttachedUnit unit : attached) {
                String state = units.unitFileState(unit.name());
                enabled |= state.startsWith("enabled") || state.startsWith("linked");
                running |= ACTIVE.contains(units.activeState(unit.name()));
            }
            String state = running ? "running" : enabled ? "enabled" : "attached";
            return ImageState.parse(runtime ? state + "-runtime" : state);
        }
        return ImageState.DETACHED;
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        return ImageExtractor.read(resolve(image, extensions), matches, force, tree.paths().scope()).metadata();
    }

    @Override
    public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        ImageContents contents = ImageExtractor.extract(resolve(image, extensions), matches, force,
                tree.paths().scope());
        List<TreeStep> steps = attachSteps(contents, profile, runtime, copyMode, force);
        if (!force) {
            refuseConflicts(contents, runtime);
        }
        return run(steps, "attach of " + image);
    }

    @Override
    public List<Change> detachImage(String argument, List<String> extensions, boolean runtime)
            throws AttachException {
        String image = onHost(argument);
        List<AttachedUnits.AttachedUnit> attached = attachedUnits(tree.attachedDirectory(runtime), image, extensions);
        for (AttachedUnits.AttachedUnit unit : attached) {
            if (isActive(unit.name())) {
                throw new AttachConflictException("Unit file '" + unit.name() + "' is active, can't detach.");
            }
        }
        List<Change> changes = run(detachSteps(attached, runtime, image, extensions), "detach of " + image);
        if (attached.isEmpty() && changes.isEmpty()) {
            throw new NotAttachedException("No unit files associated with '" + image + (extensions.isEmpty() ? ""
                    : "' or any of its extensions '" + String.join(", ", extensions))
                    + "' found attached to the system. Image not attached?");
        }
        return changes;
    }

    /** Found as detach finds them, by their drop-ins' markers: the images need not exist any more. */
    @Override
    public List<String> attachedUnits(String image, List<String> extensions, List<String> matches, boolean runtime)
            throws AttachException {
        return AttachedUnits.names(attachedUnits(tree.attachedDirectory(runtime), onHost(image), extensions),
                matches);
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) throws AttachException {
        ImageContents contents = ImageExtractor.extract(resolve(image, extensions), matches, force,
                tree.paths().scope());
        List<TreeStep> attach = attachSteps(contents, profile, runtime, copyMode, force);
        List<AttachedUnits.AttachedUnit> old = attachedUnits(tree.attachedDirectory(runtime), onHost(image),
                extensions);
        List<TreeStep> detach = detachSteps(old, runtime, onHost(image), extensions);
        // everything is read and checked; only now is the old image touched
        Steps steps = new Steps(tree, hook);
        try {
            List<Change> removed = steps.run(detach);
            List<Change> updated = steps.run(attach);
            Set<String> written = new HashSet<>();
            for (Change change : updated) {
                written.add(change.path());
            }
            List<Change> removedOnly = new ArrayList<>();
            for (Change change : removed) {
                if (!written.contains(change.path())) {
                    removedOnly.add(change);
                }
            }
            return new ReattachChanges(List.copyOf(removedOnly), updated);
        } catch (IOException e) {
            throw WriteFailures.of(e, "reattach of " + image);
        }
    }

    private List<TreeStep> attachSteps(ImageContents contents, String profileName, boolean runtime, CopyMode copyMode,
            boolean force) throws AttachException {
        PortableImage image = contents.image();
        SystemdVersion version = version();
        String attached = tree.attachedDirectory(runtime);
        Optional<String> rootImagePolicy = version.pinsRootImagePolicy() ? PinnedImagePolicy.of(image) : Optional.empty();
        Optional<String> extensionPolicy = version.pinsRootImagePolicy()
                ? PinnedImagePolicy.ofExtensions(contents.stack().extensions()) : Optional.empty();
        PortableDropIn.Context context = new PortableDropIn.Context(contents, version, tree.osReleaseSource(),
                rootImagePolicy, extensionPolicy, force);
        List<TreeStep> steps = new ArrayList<>();
        steps.add(new TreeStep.MakeDirectory(attached, true));
        for (var entry : contents.units().entrySet()) {
            UnitName unit = UnitName.parse(entry.getKey());
            String path = attached + "/" + unit;
            String dropIns = path + ".d";
            steps.add(new TreeStep.MakeDirectory(dropIns, true));
            PortableImage origin = entry.getValue().origin();
            String text = PortableDropIn.render(unit, origin, context);
            steps.add(new TreeStep.WriteFile(dropIns + "/20-portable.conf", text.getBytes(StandardCharsets.UTF_8),
                    ChangeType.WRITE, ""));
            steps.add(profileStep(profileName, unit, dropIns + "/10-profile.conf", copyMode));
            if (copyMode == CopyMode.SYMLINK && origin.directory()) {
                steps.add(new TreeStep.MakeSymlink(path, origin.hostPath() + entry.getValue().source(), false));
            } else {
                steps.add(new TreeStep.WriteFile(path, entry.getValue().content(), ChangeType.COPY,
                        origin.directory() ? origin.hostPath() + entry.getValue().source() : ""));
            }
        }
        List<PortableImage> linked = new ArrayList<>(contents.stack().extensions());
        linked.add(image); // portabled links the extensions first
        for (PortableImage each : linked) {
            if (version.linksImagesInSearchPath() || !tree.inImagePath(each.hostPath())) {
                String entry = tree.portablesDirectory(runtime) + "/" + each.fileName();
                steps.add(copyMode == CopyMode.MIXED ? new TreeStep.CopyImage(entry, each.onDisk(), each.hostPath())
                        : new TreeStep.MakeSymlink(entry, each.hostPath(), true));
            }
        }
        return steps;
    }

    /** {@code 10-profile.conf}: a link to the host's profile file, a copy of it, or of portajava's built-in one. */
    private TreeStep profileStep(String profileName, UnitName unit, String path, CopyMode copyMode)
            throws AttachException {
        Optional<String> hostFile = tree.profileFile(new ProfileName(profileName), unit.type());
        if (hostFile.isPresent()) {
            if (copyMode != CopyMode.COPY) {
                return new TreeStep.MakeSymlink(path, hostFile.get(), false);
            }
            try {
                return new TreeStep.WriteFile(path, Files.readAllBytes(tree.onDisk(hostFile.get())), ChangeType.COPY,
                        hostFile.get());
            } catch (IOException e) {
                throw new AttachException("cannot read profile " + hostFile.get() + ": " + e.getMessage(), e);
            }
        }
        // a user's manager has its own profiles; portajava's built-in ones are the system's
        Optional<Profile> builtInProfile = userScope() ? Optional.empty()
                : ProfileCatalog.builtIn().find(new ProfileName(profileName));
        Optional<String> builtIn = builtInProfile.isEmpty() ? Optional.empty()
                : builtInProfile.get().dropIn(unit.type());
        if (builtIn.isPresent()) {
            return new TreeStep.WriteFile(path, builtIn.get().getBytes(StandardCharsets.UTF_8), ChangeType.COPY, "");
        }
        return new TreeStep.Remove(path, false); // the profile has nothing for this unit type
    }

    private List<TreeStep> detachSteps(List<AttachedUnits.AttachedUnit> attached, boolean runtime, String image,
            List<String> extensions) throws AttachException {
        List<TreeStep> steps = new ArrayList<>();
        Set<String> images = new LinkedHashSet<>();
        for (AttachedUnits.AttachedUnit unit : attached) {
            steps.add(new TreeStep.Remove(unit.path(), false));
            steps.add(new TreeStep.Remove(unit.dropInDirectory() + "/10-profile.conf", false));
            steps.add(new TreeStep.Remove(unit.dropInDirectory() + "/20-portable.conf", false));
            steps.add(new TreeStep.RemoveDirectory(unit.dropInDirectory()));
            images.addAll(unit.marker().paths());
        }
        SystemdVersion version = version();
        String portables = tree.portablesDirectory(runtime);
        for (String path : images) {
            if (path.startsWith("/") && (version.linksImagesInSearchPath() || !tree.inImagePath(path))) {
                String entry = portables + "/" + Path.of(path).getFileName();
                // from 256 on, --copy mixed may have left a copy of the image there instead of a link
                steps.add(version.copiesMixed() ? new TreeStep.RemoveImageEntry(entry)
                        : new TreeStep.Remove(entry, true));
            }
        }
        List<String> names = new ArrayList<>(List.of(image));
        names.addAll(extensions);
        steps.addAll(leftoverSteps(runtime, names, attached.isEmpty()));
        steps.add(new TreeStep.RemoveDirectory(tree.attachedDirectory(runtime)));
        return steps;
    }

    /**
     * What an interrupted detach can leave: drop-in directories emptied but not removed (only temporaries a crash
     * left may be in them), and, once every marker is gone, the image's /etc/portables link.
     */
    private List<TreeStep> leftoverSteps(boolean runtime, List<String> images, boolean nothingAttached)
            throws AttachException {
        List<TreeStep> steps = new ArrayList<>();
        String attached = tree.attachedDirectory(runtime);
        String portables = tree.portablesDirectory(runtime);
        try {
            if (Files.isDirectory(tree.onDisk(attached))) {
                for (Path entry : DirectoryEntries.sorted(tree.onDisk(attached))) {
                    String name = entry.getFileName().toString();
                    if (name.endsWith(".d") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                            && !Files.exists(entry.resolveSibling(name.substring(0, name.length() - 2)),
                                    LinkOption.NOFOLLOW_LINKS)) {
                        steps.add(new TreeStep.RemoveDirectory(attached + "/" + name));
                    }
                }
            }
            if (nothingAttached && Files.isDirectory(tree.onDisk(portables))) {
                List<ImageName> names = new ArrayList<>();
                for (String image : images) {
                    names.add(PortableImage.nameOf(image));
                }
                Set<String> stillNamed = new HashSet<>();
                for (AttachedUnits.AttachedUnit unit : AttachedUnits.in(tree, attached)) {
                    stillNamed.addAll(unit.marker().paths());
                }
                for (Path entry : DirectoryEntries.sorted(tree.onDisk(portables))) {
                    if (Files.isSymbolicLink(entry) && sameName(entry, names)
                            && !stillNamed.contains(Files.readSymbolicLink(entry).toString())) {
                        steps.add(new TreeStep.Remove(portables + "/" + entry.getFileName(), true));
                    }
                }
            }
        } catch (IOException e) {
            throw new AttachException("cannot read " + attached + ": " + e.getMessage(), e);
        }
        return steps;
    }

    private static boolean sameName(Path link, List<ImageName> names) {
        ImageName name;
        try {
            name = ImageFile.of(link).name();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return names.contains(name);
    }

    private void refuseConflicts(ImageContents contents, boolean runtime) throws AttachException {
        String attached = tree.attachedDirectory(runtime);
        PortableImage image = contents.image();
        Set<String> ours = new HashSet<>();
        List<String> paths = PortableImage.hostPaths(contents.stack().all());
        for (AttachedUnits.AttachedUnit unit : attachedUnits(attached, image.hostPath(), List.of())) {
            if (unit.marker().paths().equals(paths)) {
                ours.add(unit.name());
            }
        }
        boolean complete = true;
        for (PortableImage each : contents.stack().all()) {
            complete &= Files.exists(tree.onDisk(tree.portablesDirectory(runtime) + "/" + each.fileName()),
                    LinkOption.NOFOLLOW_LINKS) || !(version().linksImagesInSearchPath() || !tree.inImagePath(each.hostPath()));
        }
        for (String unit : contents.units().keySet()) {
            complete &= Files.exists(tree.onDisk(attached + "/" + unit), LinkOption.NOFOLLOW_LINKS);
        }
        for (String unit : contents.units().keySet()) {
            Optional<String> existing = tree.unitFileOnHost(unit);
            if (existing.isPresent() && !(existing.get().equals(attached + "/" + unit) && ours.contains(unit) && !complete)) {
                throw new AttachConflictException("Unit file '" + unit + "' exists on the host already, refusing.");
            }
            if (isActive(unit)) {
                throw new AttachConflictException("Unit file '" + unit + "' is active already, refusing.");
            }
        }
    }

    private boolean isActive(String unit) throws AttachException {
        return !tree.offline() && !UnitName.parse(unit).isTemplate() && ACTIVE.contains(units.activeState(unit));
    }

    private List<AttachedUnits.AttachedUnit> attachedUnits(String directory, String image, List<String> extensions)
            throws AttachException {
        try {
            return AttachedUnits.of(tree, directory, image, extensions);
        } catch (IOException e) {
            throw new AttachException("cannot read " + tree.onDisk(directory) + ": " + e.getMessage(), e);
        }
    }

    private List<Change> run(List<TreeStep> steps, String what) throws AttachException {
        try {
            return new Steps(tree, hook).run(steps);
        } catch (IOException e) {
            throw WriteFailures.of(e, what);
        }
    }

    private SystemdVersion version() throws AttachException {
        String version = units.systemdVersion();
        try {
            return SystemdVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new AttachException("cannot tell which systemd the host runs: " + e.getMessage(), e);
        }
    }

    private boolean userScope() {
        return tree.paths().scope() == PortableScope.USER;
    }

    /** The profiles of this host tree: its profile directories, then portajava's built-in ones. */
    public ProfileCatalog catalog() {
        return ProfileCatalog.of(tree.profileSearchPath());
    }

    /**
     * The image as the host names it: the path it is attached as ({@code --image-path}), else the argument. Detach
     * and reattach match attached images by that name, not by the name of the file read here.
     */
    private String onHost(String image) {
        return imagePath.orElse(image);
    }

    /** The images the arguments name: absolute paths, or bare names looked up in the image search path. */
    ImageStack resolve(String image, List<String> extensions) throws AttachException {
        return ImageStack.locate(tree, image, extensions, imagePath);
    }
}
