package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root tree's systemd, read from its files. */
class OfflineUnitsTest {

    @TempDir
    Path root;

    private String version(String... libraries) throws Exception {
        Path dir = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        for (String library : libraries) {
            Files.createFile(dir.resolve(library));
        }
        return new OfflineUnits(HostTree.offline(root)).systemdVersion();
    }

    @Test
    void systemdVersion_theNumberInTheSharedLibrarysName() throws Exception {
        assertEquals("252", version("libsystemd-core-252.so", "libsystemd-shared-252.so"));
    }

    @Test
    void systemdVersion_ofADistributionsBuild_stopsAtTheRelease() throws Exception {
        assertEquals("257", version("libsystemd-shared-257.13-1.so"));
    }

    @Test
    void systemdVersion_namesWithoutANumberThenADotOrDash_areNotTheLibrary() {
        AttachException e = assertThrows(AttachException.class,
                () -> version("libsystemd-shared-.so", "libsystemd-shared-252", "libsystemd-shared-252x.so",
                        "libsystemd-shared-v252.so"));
        assertTrue(e.getMessage().startsWith("cannot find systemd in "), e.getMessage());
    }

    @Test
    void enableUnitFiles_linksTheUnitIntoEveryTargetOfWantedByAndRequiredBy_belowTheAttachedDirectory()
            throws Exception {
        Path attached = Files.createDirectories(root.resolve("etc/systemd/system.attached"));
        Files.writeString(attached.resolve("app.service"), "[Service]\nExecStart=/bin/true\n\n[Install]\n"
                + "WantedBy = multi-user.target\tgraphical.target\n RequiredBy=app.target\nWantedByMe=no.target\n"
                + "# WantedBy=commented.target\n");

        List<Change> changes = new OfflineUnits(HostTree.offline(root)).enableUnitFiles(List.of("app.service"), false);

        assertEquals(3, changes.size(), changes.toString());
        for (String link : List.of("multi-user.target.wants", "graphical.target.wants", "app.target.requires")) {
            Path path = root.resolve("etc/systemd/system.attached/" + link + "/app.service");
            assertEquals(Path.of("/etc/systemd/system.attached/app.service"), Files.readSymbolicLink(path), link);
        }
        assertTrue(Files.notExists(root.resolve("etc/systemd/system.attached/no.target.wants")));
        assertTrue(Files.notExists(root.resolve("etc/systemd/system")), "portablectl's --enable links nothing there");
    }

    @Test
    void enableUnitFiles_runtime_linksBelowTheRuntimeAttachedDirectory() throws Exception {
        Path attached = Files.createDirectories(root.resolve("run/systemd/system.attached"));
        Files.writeString(attached.resolve("app.service"), "[Install]\nWantedBy=multi-user.target\n");

        new OfflineUnits(HostTree.offline(root)).enableUnitFiles(List.of("app.service"), true);

        assertEquals(Path.of("/run/systemd/system.attached/app.service"), Files.readSymbolicLink(
                root.resolve("run/systemd/system.attached/multi-user.target.wants/app.service")));
    }

    @Test
    void disableUnitFiles_removesTheLinks_andThoseAPlainEnableMade_andTheDirectoriesItEmptied() throws Exception {
        Path attached = Files.createDirectories(root.resolve("etc/systemd/system.attached"));
        Files.writeString(attached.resolve("app.service"), "[Install]\nWantedBy=multi-user.target\n");
        OfflineUnits units = new OfflineUnits(HostTree.offline(root));
        units.enableUnitFiles(List.of("app.service"), false);
        Path plain = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(plain.resolve("app.service"), Path.of("/etc/systemd/system.attached/app.service"));
        Files.createSymbolicLink(plain.resolve("other.service"), Path.of("/usr/lib/systemd/system/other.service"));
        assertEquals("enabled", units.unitFileState("app.service"));

        List<Change> changes = units.disableUnitFiles(List.of("app.service"), false);

        assertEquals(2, changes.size(), changes.toString());
        assertTrue(Files.notExists(attached.resolve("multi-user.target.wants")), "emptied, so removed");
        assertTrue(Files.notExists(plain.resolve("app.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(plain.resolve("other.service")), "another unit's link stays");
        assertEquals("disabled", units.unitFileState("app.service"));
        assertEquals(List.of(), units.disableUnitFiles(List.of("app.service"), false), "nothing left to remove");
    }
}
