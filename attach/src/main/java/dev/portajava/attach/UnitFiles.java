package dev.portajava.attach;

import dev.portajava.name.UnitName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit files named by a list of changes: paths directly in a {@code system.attached} directory, or a user's
 * {@code user.attached} ({@code --user}).
 */
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
                    || !List.of("system.attached", "user.attached").contains(parent.getFileName().toString())) {
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
