package dev.portajava.attach;

import dev.portajava.name.UnitName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The unit files named by a list of changes: paths directly in a {@code system.attached} directory. */
final class UnitFiles {

    private UnitFiles() {
    }

    static List<String> of(List<Change> changes, ChangeType type) {
        List<String> units = new ArrayList<>();
        for (Change change : changes) {
            if (change.type() != type) {
                continue;
            }
            Path path = Path.of(change.path());
            Path parent = path.getParent();
            if (parent == null || parent.getFileName() == null
                    || !parent.getFileName().toString().equals("system.attached")) {
                continue; // a drop-in in U.d/, or the /etc/portables link
            }
            String name = path.getFileName().toString();
            try {
                UnitName.parse(name);
                if (!units.contains(name)) {
                    units.add(name);
                }
            } catch (IllegalArgumentException e) {
                // U.d itself, or not a unit file
            }
        }
        return List.copyOf(units);
    }
}
