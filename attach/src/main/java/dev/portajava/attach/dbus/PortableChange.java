package dev.portajava.attach.dbus;

import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import java.util.ArrayList;
import java.util.List;

/** The changes {@code a(sss)} portabled and systemd's manager report: change type, path, source. */
final class PortableChange {

    static final String SIGNATURE = "a(sss)";

    private PortableChange() {
    }

    /** The changes in a reply's {@code a(sss)} argument. */
    static List<Change> list(Object wire) {
        List<Change> changes = new ArrayList<>();
        for (Object item : (List<?>) wire) {
            List<?> fields = (List<?>) item;
            changes.add(new Change(ChangeType.parse((String) fields.get(0)), (String) fields.get(1),
                    (String) fields.get(2)));
        }
        return List.copyOf(changes);
    }
}
