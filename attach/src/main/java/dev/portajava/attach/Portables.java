package dev.portajava.attach;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.local.ImageExtractor;
import dev.portajava.attach.local.ImageStack;
import dev.portajava.attach.local.PortableImage;
import dev.portajava.attach.local.SystemdVersion;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import dev.portajava.profiles.Profile;
import dev.portajava.profiles.ProfileCatalog;
import dev.portajava.profiles.ProfileName;
import dev.portajava.profiles.UnknownProfileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Attaches images to a host and detaches them, through systemd-portabled, with what portablectl adds on top:
 * reloading systemd, enabling ({@code --enable}) and starting or stopping ({@code --now}) the units. Unlike
 * portablectl it refuses an unknown profile before attaching, and reports a unit that fails right after its start.
 */
public final class Portables {

    /**
     * How long the jobs of {@code --now} and {@code clean} may take: a class of its own, so that a command that runs no
     * job does not set up {@code java.time} (and {@code BigInteger}, which {@link Duration} sets up as it loads).
     */
    private static final class Jobs {
        /** How long a start, stop or clean job may take. */
        static final Duration TIMEOUT = Duration.ofSeconds(90);
        /** How long a started unit is watched for an early failure. */
        static final Duration SETTLE = Duration.ofMillis(500);
    }

    private final HostConnection.Factory connector;
    private final ProfileInstaller installer;

    public Portables(HostConnection.Factory connector) {
        this(connector, ProfileInstaller.host());
    }

    /** @param installer where a profile portabled lacks is installed, so that portabled finds it */
    public Portables(HostConnection.Factory connector, ProfileInstaller installer) {
        this.connector = connector;
        this.installer = installer;
    }

    /**
     * The image argument as portabled should get it: the absolute, normalised path of an existing file or
     * directory, a path (anything with a {@code /}) made absolute, else a bare image name that portabled looks
     * up in its search path. portablectl prefers the name even when a file of that name is in the current
     * directory; a user who typed a file name means the file.
     */
    public static String imageArgument(String argument) {
        Path path = Path.of(argument);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || argument.contains("/")) {
            return path.toAbsolutePath().normalize().toString();
        }
        return argument;
    }

    public AttachResult attach(AttachRequest request) throws AttachException, UnknownProfileException {
        refuseInvalidNames(request.image(), request.extensions());
        try (HostConnection host = connector.connect()) {
            refuseUnsupported(host, request.copyMode());
            if (request.now()) {
                host.units().requireRunning();
            }
            List<Change> changes = new ArrayList<>(provideProfile(host, request.profile().value()));
            changes.addAll(host.portables().attachImage(request.image(), request.extensions(), request.matches(),
                    request.profile().value(), request.runtime(), request.copyMode(), request.force()));
            if (!request.noReload()) {
                host.units().reload();
            }
            List<String> units = attachedUnits(changes);
            List<Change> enableChanges = request.enable()
                    ? host.units().enableUnitFiles(units, request.runtime()) : List.of();
            List<UnitStatus> started = new ArrayList<>();
            if (request.now()) {
                for (String unit : startable(units)) {
                    try {
                        started.add(host.units().start(unit, Jobs.TIMEOUT, Jobs.SETTLE));
                    } catch (UnitFailedException e) {
                        throw new UnitFailedException(e.getMessage() + "; the image stays attached ('"
                                + host.target().command("detach") + " " + request.image() + " --now' removes it)", e);
                    }
                }
            }
            return new AttachResult(request.image(), request.profile().value(), changes, units, enableChanges, started);
        }
    }

    /**
     * Replaces what an image of the same name attached with {@code request.image()}. The new image is read and
     * checked first: a broken one is refused while the old one stays attached and running. Units the new image
     * dropped are stopped and disabled; with {@code --now} the others are restarted.
     */
    public ReattachResult reattach(ReattachRequest request) throws AttachException, UnknownProfileException {
        refuseInvalidNames(request.image(), request.extensions());
        try (HostConnection host = connector.connect()) {
            refuseUnsupported(host, request.copyMode());
            if (request.now()) {
                host.units().requireRunning();
            }
            provideProfile(host, request.profile().value());
            ImageMetadata metadata = host.portables().imageMetadata(request.image(), request.extensions(),
                    request.matches(), request.force());
            refuseInvalid(request.image(), metadata, request.matches());
            ReattachChanges changes = host.portables().reattachImage(request.image(), request.extensions(),
                    request.matches(), request.profile().value(), request.runtime(), request.copyMode(),
                    request.force());
            List<UnitStatus> stopped = new ArrayList<>();
            for (String unit : startable(changes.droppedUnits())) {
                stopped.add(host.units().stop(unit, Jobs.TIMEOUT));
            }
            List<Change> removed = new ArrayList<>(changes.removed());
            removed.addAll(unlinkRemoved(host, changes.droppedUnits(), request.runtime()));
            if (!request.noReload()) {
                host.units().reload();
            }
            List<String> units = changes.writtenUnits();
            List<Change> enableChanges = request.enable()
                    ? host.units().enableUnitFiles(units, request.runtime()) : List.of();
            List<UnitStatus> started = new ArrayList<>();
            if (request.now()) {
                for (String unit : startable(units)) {
                    host.units().stop(unit, Jobs.TIMEOUT);
                    started.add(host.units().start(unit, Jobs.TIMEOUT, Jobs.SETTLE));
                }
            }
            return new ReattachResult(request.image(), request.profile().value(), stopped, removed,
                    changes.updated(), units, enableChanges, started);
        }
    }

    /**
     * Refuses, before the host is reached, an image or extension whose file name gives no valid image name
     * ({@link PortableImage#nameOf}), on every backend: systemd would expand a specifier in it ({@code %n}),
     * portablectl refuses it, and detach could not match it. The backends check the images they locate again.
     */
    private static void refuseInvalidNames(String image, List<String> extensions) throws InvalidImageException {
        PortableImage.nameOf(image);
        for (String extension : extensions) {
            PortableImage.nameOf(extension);
        }
    }

    /** What portabled would refuse only after detaching the old image: no ID=, matches it does not allow. */
    private static void refuseInvalid(String image, ImageMetadata metadata, List<String> matches)
            throws InvalidImageException {
        if (metadata.osRelease().getOrDefault("ID", "").isEmpty()) {
            throw new InvalidImageException("Image " + image + " os-release metadata lacks the ID field; the image"
                    + " attached now stays attached");
        }
        Optional<SortedSet<String>> prefixes = Prefix.declaredIn(metadata.releases());
        if (prefixes.isPresent() && !prefixes.get().containsAll(matches)) {
            throw new InvalidImageException("Selected matches '" + String.join("', '", matches)
                    + "' are not compatible with portable service image '" + image + "' (acceptable: "
                    + String.join(" ", prefixes.get()) + "); the image attached now stays attached");
        }
        if (metadata.units().isEmpty()) {
            throw new InvalidImageException("Couldn't find any matching unit files in image '" + image
                    + "'; the image attached now stays attached");
        }
    }

    /**
     * Makes sure the host's backend offers {@code profile}: a profile portabled lacks but portajava has built in is
     * installed where portabled looks, and reported as written files.
     */
    private List<Change> provideProfile(HostConnection host, String profile)
            throws AttachException, UnknownProfileException {
        List<String> profiles = host.portables().profiles();
        if (profiles.contains(profile)) {
            return List.of();
        }
        Optional<Profile> builtIn = ProfileCatalog.builtIn().find(new ProfileName(profile));
        if (builtIn.isEmpty()) {
            Set<String> known = new TreeSet<>(profiles);
            known.addAll(ProfileCatalog.builtIn().names());
            throw new UnknownProfileException(profile, List.copyOf(known));
        }
        return installer.install(builtIn.get(), host.units().machineId());
    }

    /** The active state ({@code active}, {@code failed}, …) of each of {@code units}, as the host's manager says now. */
    public Map<String, String> activeStates(List<String> units) throws AttachException {
        try (HostConnection host = connector.connect()) {
            Map<String, String> states = new LinkedHashMap<>();
            for (String unit : units) {
                states.put(unit, host.units().activeState(unit));
            }
            return states;
        }
    }

    /** The main process of the service {@code unit} on the host, as its manager says now; 0 if it has none. */
    public long mainPid(String unit) throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.units().mainPid(unit);
        }
    }

    public DetachResult detach(DetachRequest request) throws AttachException {
        refuseInvalidNames(request.image(), request.extensions());
        try (HostConnection host = connector.connect()) {
            List<UnitStatus> stopped = new ArrayList<>();
            List<Change> disableChanges = List.of();
            List<String> disabled = List.of();
            List<String> cleaned = new ArrayList<>();
            String cleanNote = "";
            if (request.now() || request.enable() || request.clean()) {
                List<String> units = host.portables().attachedUnits(request.image(), request.extensions(),
                        request.matches(), request.runtime());
                if (request.now()) {
                    for (String unit : startable(units)) {
                        stopped.add(host.units().stop(unit, Jobs.TIMEOUT));
                    }
                }
                if (request.enable()) {
                    disableChanges = host.units().disableUnitFiles(units, request.runtime());
                    disabled = units;
                }
                if (request.clean()) {
                    SystemdVersion version = version(host);
                    cleaned = clean(host, startable(units), version);
                    if (!version.portablectlCleans()) {
                        cleanNote = "systemd " + version + "'s portablectl has no --clean; portajava removed the data"
                                + " itself, through systemd's CleanUnit";
                    }
                }
            }
            List<Change> changes = new ArrayList<>(host.portables().detachImage(request.image(),
                    request.extensions(), request.runtime()));
            List<String> removed = new ArrayList<>(UnitFiles.of(changes, ChangeType.UNLINK));
            removed.removeAll(disabled);
            changes.addAll(unlinkRemoved(host, removed, request.runtime()));
            if (!request.noReload()) {
                host.units().reload();
            }
            return new DetachResult(request.image(), stopped, disableChanges, changes, cleaned, cleanNote);
        }
    }

    /**
     * Disables {@code units}, whose files a detach or reattach removed: a unit enabled by an attach with
     * {@code --enable}, and then dropped by a new version or detached without {@code --enable}, would otherwise stay
     * linked into its targets, pointing at nothing, and keep the {@code .wants} directory, for good. What that
     * removed, among the files the detach or reattach removed; nothing for a unit nothing linked.
     */
    private static List<Change> unlinkRemoved(HostConnection host, List<String> units, boolean runtime)
            throws AttachException {
        return units.isEmpty() ? List.of() : host.units().disableUnitFiles(units, runtime);
    }

    /**
     * Removes the stopped units' configuration, state, cache, logs and runtime data (and, from systemd 254, their
     * file descriptor stores) through systemd's {@code CleanUnit}, as portablectl 256's {@code --clean} does, before
     * they are detached; the units that had some.
     */
    private static List<String> clean(HostConnection host, List<String> units, SystemdVersion version)
            throws AttachException {
        List<String> what = version.cleansFileDescriptorStore() ? List.of("all", "fdstore") : List.of("all");
        List<String> cleaned = new ArrayList<>();
        for (String unit : units) {
            if (host.units().clean(unit, what, Jobs.TIMEOUT)) {
                cleaned.add(unit);
            }
        }
        return cleaned;
    }

    /** What the host's systemd lacks: {@code --copy mixed} before 256, on either backend. */
    private static void refuseUnsupported(HostConnection host, CopyMode copyMode) throws AttachException {
        if (copyMode == CopyMode.MIXED) {
            SystemdVersion version = version(host);
            if (!version.copiesMixed()) {
                throw new UnsupportedBySystemdException("--copy mixed needs systemd 256 or later; "
                        + host.target().machine() + " runs systemd " + version + " (use --copy auto, copy or symlink)");
            }
        }
    }

    private static SystemdVersion version(HostConnection host) throws AttachException {
        String version = host.units().systemdVersion();
        try {
            return SystemdVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new AttachException("cannot tell which systemd the host runs: " + e.getMessage(), e);
        }
    }

    /** The state of {@code image} attached with {@code extensions} (in order; empty for none). */
    public ImageState state(String image, List<String> extensions) throws AttachException {
        refuseInvalidNames(image, extensions);
        try (HostConnection host = connector.connect()) {
            return host.portables().imageState(image, extensions);
        }
    }

    public List<ImageInfo> list() throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.portables().listImages();
        }
    }

    /**
     * What an image offers, as portabled would show it, read by portajava itself: neither a bus nor portabled is
     * needed, and the image gets the same checks as on attach. A bare name is looked up in portabled's image search
     * path on this machine.
     */
    public static ImageMetadata inspect(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        return inspect(HostTree.live(), image, extensions, matches, force);
    }

    /**
     * The same on {@code tree}, for its scope's manager: a bare name is looked up in that scope's image path (a
     * user's, with {@link HostTree#user}), and the units are read from the unit directories of that scope.
     */
    public static ImageMetadata inspect(HostTree tree, String image, List<String> extensions, List<String> matches,
            boolean force) throws AttachException {
        return ImageExtractor.read(ImageStack.locate(tree, image, extensions, Optional.empty()), matches, force,
                tree.paths().scope()).metadata();
    }

    /**
     * What an image offers, as the host's backend reads it: on a remote host ({@code -H}), an image given by name is
     * the host's, read by its portabled; one given by path is read here, as by {@link #inspect}.
     */
    public ImageMetadata inspectOnHost(String image, List<String> extensions, List<String> matches, boolean force)
            throws AttachException {
        refuseInvalidNames(image, extensions);
        try (HostConnection host = connector.connect()) {
            return host.portables().imageMetadata(image, extensions, matches, force);
        }
    }

    /** The profiles the host's portabled offers. */
    public List<String> profiles() throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.portables().profiles();
        }
    }

    /** The unit files attach placed: copies or symlinks of unit files, not their drop-ins. */
    static List<String> attachedUnits(List<Change> changes) {
        return new ReattachChanges(List.of(), changes).writtenUnits();
    }

    /** Units that can be started or stopped by name: templates cannot. */
    private static List<String> startable(List<String> units) {
        List<String> startable = new ArrayList<>();
        for (String unit : units) {
            if (!UnitName.parse(unit).isTemplate()) {
                startable.add(unit);
            }
        }
        return startable;
    }
}
