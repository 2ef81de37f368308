package dev.portajava.attach.local;

import dev.portajava.attach.InvalidImageException;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import dev.portajava.tree.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The units in a {@code system.attached} directory that a portable image put there, found as portabled finds them:
 * by the marker in {@code U.d/20-portable.conf}, whether the unit file itself is still there or not.
 */
public final class AttachedUnits {

    /** One attached unit: its name, its directory, the image its marker names, and whether its file is there. */
    public record AttachedUnit(String name, String directory, DropInMarker marker, boolean hasUnitFile) {
        public String path() {
            return directory + "/" + name;
        }

        public String dropInDirectory() {
            return path() + ".d";
        }
    }

    private AttachedUnits() {
    }

    /** Every unit attached in {@code directory} (a host path), by unit name. */
    public static List<AttachedUnit> in(HostTree tree, String directory) throws IOException {
        Path dir = tree.onDisk(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        for (Path entry : DirectoryEntries.sorted(dir)) {
            String file = entry.getFileName().toString();
            boolean dropIns = file.endsWith(".d");
            String unit = dropIns ? file.substring(0, file.length() - 2) : file;
            if (!isUnitName(unit)) {
                continue;
            }
            boolean isFile = !dropIns && (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(entry));
            names.put(unit, isFile || names.getOrDefault(unit, false));
        }
        List<AttachedUnit> units = new ArrayList<>();
        for (var entry : names.entrySet()) {
            Path dropIn = dir.resolve(entry.getKey() + ".d").resolve("20-portable.conf");
            if (!Files.isRegularFile(dropIn)) {
                continue;
            }
            Optional<DropInMarker> marker = DropInMarker.parse(HostFiles.readString(dropIn));
            if (marker.isPresent()) {
                units.add(new AttachedUnit(entry.getKey(), directory, marker.get(), entry.getValue()));
            }
        }
        return units;
    }

    /**
     * The units attached in {@code directory} for an image of the same name as {@code image}, with extensions of the
     * same names as {@code extensions} ({@link DropInMarker#matches(String, List)}).
     */
    public static List<AttachedUnit> of(HostTree tree, String directory, String image, List<String> extensions)
            throws IOException {
        List<AttachedUnit> units = new ArrayList<>();
        for (AttachedUnit unit : in(tree, directory)) {
            if (unit.marker().matches(image, extensions)) {
                units.add(unit);
            }
        }
        return List.copyOf(units);
    }

    /** The names of {@code units} of the prefixes {@code matches} (all if empty). */
    public static List<String> names(List<AttachedUnit> units, List<String> matches) throws InvalidImageException {
        List<Prefix> prefixes = new ArrayList<>();
        for (String match : matches) {
            try {
                prefixes.add(new Prefix(match));
            } catch (IllegalArgumentException e) {
                throw new InvalidImageException(e.getMessage());
            }
        }
        List<String> names = new ArrayList<>();
        for (AttachedUnit unit : units) {
            if (Prefix.selects(prefixes, unit.name())) {
                names.add(unit.name());
            }
        }
        return List.copyOf(names);
    }

    private static boolean isUnitName(String name) {
        try {
            UnitName.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
