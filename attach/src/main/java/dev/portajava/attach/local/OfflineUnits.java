package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.InvalidRootException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UnitStatus;
import dev.portajava.text.AsciiNames;
import dev.portajava.text.Words;
import dev.portajava.tree.HostFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The systemd of a root tree that is not running: nothing is active, reloading does nothing, enabling links the
 * unit into the targets its {@code [Install]} section names, below the attached directory as portablectl's
 * {@code --enable} links them ({@code /etc/systemd/system.attached/multi-user.target.wants/}), and disabling
 * removes those links and any in the manager's own directory ({@code /etc/systemd/system/*.wants/}), where earlier
 * portajava put them.
 */
public final class OfflineUnits implements UnitManager {

    private static final List<String> LIBRARY_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu/systemd",
            "/usr/lib/aarch64-linux-gnu/systemd", "/usr/lib64/systemd", "/usr/lib/systemd", "/lib/systemd");
    private static final String SHARED_LIBRARY = "libsystemd-shared-";

    private final HostTree tree;
    private final String notRunning;

    public OfflineUnits(HostTree tree) {
        this(tree, "the root " + tree.root() + " is not running");
    }

    /** @param notRunning why nothing can be started, for a message: which manager is not there */
    public OfflineUnits(HostTree tree, String notRunning) {
        this.tree = tree;
        this.notRunning = notRunning;
    }

    /** The version of the systemd installed in the tree, from its shared library's name. */
    @Override
    public String systemdVersion() throws AttachException {
        for (String directory : LIBRARY_DIRECTORIES) {
            Path dir = tree.onDisk(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                for (Path entry : DirectoryEntries.sorted(dir)) {
                    // libsystemd-shared-VERSION.so or libsystemd-shared-VERSION-RELEASE.so
                    String name = entry.getFileName().toString();
                    int end = AsciiNames.digits(name, SHARED_LIBRARY.length());
                    if (name.startsWith(SHARED_LIBRARY) && end > SHARED_LIBRARY.length() && end < name.length()
                            && (name.charAt(end) == '.' || name.charAt(end) == '-')) {
                        return name.substring(SHARED_LIBRARY.length(), end);
                    }
                }
            } catch (IOException e) {
                throw new AttachException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new InvalidRootException("cannot find systemd in " + tree.root()
                + " (no libsystemd-shared-VERSION.so under /usr/lib); is it a root tree with systemd?");
    }

    /** The tree's own {@code /etc/machine-id}: no other machine is reached. */
    @Override
    public String machineId() throws AttachException {
        return MachineId.of(tree).map(MachineId::value).orElseThrow(() -> new AttachException(tree.root()
                + " has no /etc/machine-id"));
    }

    /** Nothing runs here: {@code --now} is refused before anything is written. */
    @Override
    public void requireRunning() throws AttachException {
        throw new BusUnavailableException("--now cannot start units: " + notRunning);
    }

    @Override
    public String activeState(String unit) {
        return "inactive";
    }

    @Override
    public String unitFileState(String unit) throws AttachException {
        return wantsLinks(unit).isEmpty() ? "disabled" : "enabled";
    }

    @Override
    public void reload() {
        // nothing runs in the tree
    }

    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        List<Change> changes = new ArrayList<>();
        String base = tree.paths().enableDirectory(runtime);
        for (String unit : units) {
            String fragment = attachedFragment(unit);
            try {
                for (String line : HostFiles.readAllLines(tree.onDisk(fragment))) {
                    String text = line.strip();
                    String key = text.startsWith("WantedBy") ? "WantedBy" : text.startsWith("RequiredBy") ? "RequiredBy"
                            : "";
                    String value = text.substring(key.length()).stripLeading();
                    if (key.isEmpty() || !value.startsWith("=")) {
                        continue; // not WantedBy= or RequiredBy=
                    }
                    String suffix = key.equals("WantedBy") ? ".wants" : ".requires";
                    for (String target : Words.of(value.substring(1))) {
                        Path link = tree.onDisk(base + "/" + target + suffix + "/" + unit);
                        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                            continue;
                        }
                        Files.createDirectories(link.getParent());
                        Files.createSymbolicLink(link, Path.of(fragment));
                        changes.add(new Change(ChangeType.SYMLINK, link.toString(), fragment));
                    }
                }
            } catch (IOException e) {
                throw new AttachException("cannot enable " + unit + " in " + tree.root() + ": " + e.getMessage(), e);
            }
        }
        return changes;
    }

    /**
     * Removes the links; a {@code .wants}/{@code .requires} directory left empty goes too, as systemd's disable
     * removes it, and so does the attached directory above it once empty, as a detach removes it: a unit a detach
     * removed is disabled after it.
     */
    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) throws AttachException {
        List<Change> changes = new ArrayList<>();
        List<Path> attached = List.of(tree.onDisk(tree.attachedDirectory(false)),
                tree.onDisk(tree.attachedDirectory(true)));
        for (String unit : units) {
            for (Path link : wantsLinks(unit)) {
                try {
                    Files.delete(link);
                    changes.add(new Change(ChangeType.UNLINK, link.toString(), ""));
                    Path base = link.getParent().getParent();
                    if (removeIfEmpty(link.getParent()) && attached.contains(base) && removeIfEmpty(base)) {
                        changes.add(new Change(ChangeType.UNLINK, base.toString(), ""));
                    }
                } catch (IOException e) {
                    throw new AttachException("cannot remove " + link + ": " + e.getMessage(), e);
                }
            }
        }
        return changes;
    }

    /** Removes {@code dir} if it is empty; whether it did. */
    private static boolean removeIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                return false;
            }
        }
        Files.delete(dir);
        return true;
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException {
        throw new AttachException("cannot start " + unit + ": " + notRunning);
    }

    @Override
    public UnitStatus stop(String unit, Duration timeout) {
        return new UnitStatus(unit, "inactive", "dead", "");
    }

    private String attachedFragment(String unit) throws AttachException {
        for (boolean runtime : new boolean[] {false, true}) {
            String path = tree.attachedDirectory(runtime) + "/" + unit;
            if (Files.exists(tree.onDisk(path))) {
                return path;
            }
        }
        throw new AttachException("cannot enable " + unit + ": it is not attached in " + tree.root());
    }

    /**
     * Links to {@code unit} in the {@code .wants}/{@code .requires} directories, persistent and runtime, below the
     * attached directories and the manager's own.
     */
    private List<Path> wantsLinks(String unit) throws AttachException {
        List<Path> links = new ArrayList<>();
        ScopePaths paths = tree.paths();
        for (String base : List.of(paths.enableDirectory(false), paths.enableDirectory(true),
                paths.plainEnableDirectory(false), paths.plainEnableDirectory(true))) {
            Path dir = tree.onDisk(base);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path wants : entries) {
                    String name = wants.getFileName().toString();
                    Path link = wants.resolve(unit);
                    if ((name.endsWith(".wants") || name.endsWith(".requires")) && Files.isSymbolicLink(link)) {
                        links.add(link);
                    }
                }
            } catch (IOException e) {
                throw new AttachException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return links;
    }
}
