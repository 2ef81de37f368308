package dev.portajava.attach;

import dev.portajava.name.UnitName;
import dev.portajava.profiles.UnknownProfileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches images to a host and detaches them, through systemd-portabled, with what portablectl adds on top:
 * reloading systemd, enabling ({@code --enable}) and starting or stopping ({@code --now}) the units. Unlike
 * portablectl it refuses an unknown profile before attaching, and reports a unit that fails right after its start.
 */
public final class Portables {

    /** How long a start or stop job may take. */
    public static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    /** How long a started unit is watched for an early failure. */
    public static final Duration SETTLE = Duration.ofMillis(500);

    private final HostConnection.Factory connector;

    public Portables(HostConnection.Factory connector) {
        this.connector = connector;
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
        try (HostConnection host = connector.connect()) {
            List<String> profiles = host.portables().profiles();
            if (!profiles.contains(request.profile().value())) {
                throw new UnknownProfileException(request.profile().value(), profiles);
            }
            List<Change> changes = host.portables().attachImage(request.image(), request.matches(),
                    request.profile().value(), request.runtime(), request.copyMode(), request.force());
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
                        started.add(host.units().start(unit, JOB_TIMEOUT, SETTLE));
                    } catch (UnitFailedException e) {
                        throw new UnitFailedException(e.getMessage() + "; the image stays attached ('portajava detach "
                                + request.image() + " --now' removes it)", e);
                    }
                }
            }
            return new AttachResult(request.image(), request.profile().value(), changes, units, enableChanges, started);
        }
    }

    public DetachResult detach(DetachRequest request) throws AttachException {
        try (HostConnection host = connector.connect()) {
            List<UnitStatus> stopped = new ArrayList<>();
            List<Change> disableChanges = List.of();
            if (request.now() || request.enable()) {
                List<String> units = List.copyOf(host.portables().imageMetadata(request.image(), request.matches())
                        .units().keySet());
                if (request.now()) {
                    for (String unit : startable(units)) {
                        stopped.add(host.units().stop(unit, JOB_TIMEOUT));
                    }
                }
                if (request.enable()) {
                    disableChanges = host.units().disableUnitFiles(units, request.runtime());
                }
            }
            List<Change> changes = host.portables().detachImage(request.image(), request.runtime());
            if (!request.noReload()) {
                host.units().reload();
            }
            return new DetachResult(request.image(), stopped, disableChanges, changes);
        }
    }

    public ImageState state(String image) throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.portables().imageState(image);
        }
    }

    public List<ImageInfo> list() throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.portables().listImages();
        }
    }

    public ImageMetadata inspect(String image, List<String> matches) throws AttachException {
        try (HostConnection host = connector.connect()) {
            return host.portables().imageMetadata(image, matches);
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
        List<String> units = new ArrayList<>();
        for (Change change : changes) {
            if (change.type() != ChangeType.COPY && change.type() != ChangeType.SYMLINK) {
                continue;
            }
            Path path = Path.of(change.path());
            Path parent = path.getParent();
            if (parent == null || !parent.getFileName().toString().equals("system.attached")) {
                continue; // a drop-in in U.d/, or the /etc/portables link
            }
            String name = path.getFileName().toString();
            try {
                UnitName.parse(name);
                if (!units.contains(name)) {
                    units.add(name);
                }
            } catch (IllegalArgumentException e) {
                // not a unit file
            }
        }
        return units;
    }

    /** Units that can be started or stopped by name: templates cannot. */
    private static List<String> startable(List<String> units) {
        return units.stream().filter(u -> !UnitName.parse(u).isTemplate()).toList();
    }
}
