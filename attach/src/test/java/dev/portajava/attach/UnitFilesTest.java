package dev.portajava.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which units an attach wrote, read from portabled's changes, for the system's manager and a user's. */
class UnitFilesTest {

    @Test
    void of_unitsInTheSystemsAndAUsersAttachedDirectory_areTheUnits_dropInsAndLinksAreNot() {
        List<Change> changes = List.of(
                new Change(ChangeType.MKDIR, "/home/alice/.config/systemd/user.attached/hello.service.d", ""),
                new Change(ChangeType.WRITE, "/home/alice/.config/systemd/user.attached/hello.service.d/20-portable.conf",
                        ""),
                new Change(ChangeType.COPY, "/home/alice/.config/systemd/user.attached/hello.service", ""),
                new Change(ChangeType.COPY, "/etc/systemd/system.attached/web.service", "/srv/web/web.service"),
                new Change(ChangeType.SYMLINK, "/home/alice/.config/portables/hello_1.0", "/srv/hello_1.0"),
                new Change(ChangeType.COPY, "/srv/other/hello-worker.service", ""));

        assertEquals(List.of("hello.service", "web.service"), UnitFiles.of(changes, ChangeType.COPY));
    }
}
