package dev.portajava.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portajava.name.UnitType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSearchPathTest {

    @TempDir
    Path root;

    private final ProfileName mine = new ProfileName("mine");

    @Test
    void host_isPortabledsSearchPath_mostImportantFirst() {
        assertEquals(List.of(Path.of("/etc/systemd/portable/profile"), Path.of("/run/systemd/portable/profile"),
                Path.of("/usr/local/lib/systemd/portable/profile"), Path.of("/usr/lib/systemd/portable/profile")),
                ProfileSearchPath.host().directories());
        assertEquals(Path.of("/etc/systemd/portable/profile"), ProfileSearchPath.host().first());
    }

    @Test
    void under_isTheSameDirectoriesInsideTheRoot() {
        ProfileSearchPath path = ProfileSearchPath.under(root);

        assertEquals(ProfileSearchPath.host().directories().stream()
                .map(d -> root.resolve(d.toString().substring(1))).toList(), path.directories());
        assertEquals(root.resolve("etc/systemd/portable/profile"), path.first());
    }

    @Test
    void dropIn_isTheFirstFileOfThatType_fileByFile() throws Exception {
        ProfileSearchPath path = ProfileSearchPath.under(root);
        Path etc = Files.createDirectories(root.resolve("etc/systemd/portable/profile/mine"));
        Path usr = Files.createDirectories(root.resolve("usr/lib/systemd/portable/profile/mine"));
        Files.writeString(etc.resolve("service.conf"), "etc");
        Files.writeString(usr.resolve("service.conf"), "usr");
        Files.writeString(usr.resolve("socket.conf"), "usr");

        assertEquals(Optional.of(etc.resolve("service.conf")), path.dropIn(mine, UnitType.SERVICE));
        assertEquals(Optional.of(usr.resolve("socket.conf")), path.dropIn(mine, UnitType.SOCKET));
        assertEquals(Optional.empty(), path.dropIn(mine, UnitType.TIMER));
        assertEquals(Optional.of(etc), path.directory(mine));
    }

    @Test
    void dropIn_thatIsADanglingLinkOrADirectory_isPassedOver() throws Exception {
        ProfileSearchPath path = ProfileSearchPath.under(root);
        Path run = Files.createDirectories(root.resolve("run/systemd/portable/profile/mine"));
        Path usr = Files.createDirectories(root.resolve("usr/lib/systemd/portable/profile/mine"));
        Path etc = Files.createDirectories(root.resolve("etc/systemd/portable/profile/mine"));
        Files.createDirectories(etc.resolve("service.conf"));
        Files.createSymbolicLink(run.resolve("service.conf"), root.resolve("nowhere"));
        Files.writeString(usr.resolve("service.conf"), "usr");

        assertEquals(Optional.of(usr.resolve("service.conf")), path.dropIn(mine, UnitType.SERVICE));
    }

    @Test
    void names_areEveryProfileDirectoryOnce_sorted() throws Exception {
        Files.createDirectories(root.resolve("etc/systemd/portable/profile/b"));
        Files.createDirectories(root.resolve("usr/lib/systemd/portable/profile/b"));
        Files.createDirectories(root.resolve("usr/lib/systemd/portable/profile/a"));
        Files.writeString(root.resolve("usr/lib/systemd/portable/profile/not-a-profile"), "x");

        assertEquals(List.of("a", "b"), ProfileSearchPath.under(root).names());
    }

    @Test
    void none_hasNoDirectory() {
        assertEquals(List.of(), ProfileSearchPath.none().names());
        assertThrows(IllegalStateException.class, () -> ProfileSearchPath.none().first());
    }
}
